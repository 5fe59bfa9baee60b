// Entry point of a load pod (see kubernetes/job-manifest.ts). The result goes to stdout as one marked
// JSON line, which the harness finds in the pod log; progress and errors go to stderr.
import { runPodWorker } from './kubernetes/pod-worker.ts';

process.exitCode = await runPodWorker(process.env, {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
});
