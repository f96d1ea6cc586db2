// Loaded into the server by `npm run soak` (node --import): answers the soak's 'memory' message
// with the process's memory, after a full garbage collection when --expose-gc is given, so that the
// heap compared between start and end is what is still referenced. Not used by `npm start`.
import process from 'node:process';

process.on('message', (m) => {
  if (m !== 'memory') return;
  globalThis.gc?.();
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  process.send?.({ memory: { rss, heapUsed, heapTotal, external } });
});
