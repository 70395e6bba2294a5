import { z } from 'zod';
import { call } from './define';

/** Counts of a long call still running (an export, the demo generation); null once it ended. */
export interface JobCounts {
  done: number;
  /** Null when the work cannot know its size in advance. */
  total: number | null;
  cancelled: boolean;
}

const jobId = z.string().trim().min(8).max(64);

export const jobCalls = {
  'jobs.progress': call<JobCounts | null>()({
    input: z.object({ id: jobId }),
    access: 'authenticated',
    summary: 'How far a long call you started has got (rows written, orders generated).',
  }),
  'jobs.cancel': call<{ cancelled: boolean }>()({
    input: z.object({ id: jobId }),
    access: 'authenticated',
    summary: 'Stop a long call you started after its current batch; it answers that it was cancelled.',
  }),
} as const;
