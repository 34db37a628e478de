import { z } from 'zod';
import { databaseSchema } from '../domain';
import { BACKUP_FORMAT } from './backup-format';

/** A project backup: the whole library, to be imported back into this or another library. */
export const backupSchema = databaseSchema.extend({ format: z.literal(BACKUP_FORMAT) });
