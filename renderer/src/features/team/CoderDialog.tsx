import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../store/app-store';
import { FormFooter } from '../../ui/FormFooter';
import { Modal } from '../../ui/Modal';

/**
 * Asked once, before the library's first highlight: who is coding. Every highlight records its coder, which is what
 * keeps a second coder's work apart and makes agreement possible.
 */
export function CoderDialog() {
  const suggested = useAppStore((s) => s.suggestedCoder);
  const answer = useAppStore((s) => s.answerCoderPrompt);
  const cancel = useAppStore((s) => s.cancelCoderPrompt);
  const [name, setName] = useState(suggested);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!name.trim()) return setProblem('A coder needs a name: it goes on every highlight you make.');
    if (!(await answer(name))) setProblem('The name could not be saved: see the status at the top.');
  };

  return (
    <Modal title="Who is coding?" onClose={cancel} className="coder-dialog">
      <form className="stacked-form" onSubmit={(e) => void submit(e)}>
        <p>
          Your name goes on every highlight you make, so that another coder&apos;s work stays apart from yours and the
          two can be compared. It shows in the toolbar, where you can change it.
        </p>
        <label>
          Coder
          <input value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={200} />
        </label>
        <FormFooter problem={problem} onCancel={cancel} submitLabel="Start coding" />
      </form>
    </Modal>
  );
}
