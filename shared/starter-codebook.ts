/** The claim tags a new library starts with; the analyst can change them all. */
export const starterCodebook: ReadonlyArray<{ name: string; color: string; description: string }> = [
  { name: 'Claim', color: '#f2c94c', description: 'An assertion that something is or should be the case.' },
  { name: 'Evidence', color: '#6fcf97', description: 'Facts, figures or sources offered in support of a claim.' },
  { name: 'Quote', color: '#56ccf2', description: 'Words attributed directly to a speaker.' },
  { name: 'Proposal', color: '#bb6bd9', description: 'A course of action someone puts forward.' },
  { name: 'Condition', color: '#f2994a', description: 'A requirement set before something may happen.' },
];
