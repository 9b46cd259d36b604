import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8'

/**
 * V8's young generation (the "new space": two semi-spaces that short-lived objects are made in)
 * doubles each time a collection finds most of it still alive, up to a maximum that depends on
 * the Node.js version: two semi-spaces of 16 MB on Node 20, of 64 MB on Node 24 (the action's
 * runtime). On the benchmark's 20,000 files the scan, resolution and advice each doubled it
 * once more on Node 24, to 128 MB, and that alone made the peak RSS 220-300 MB against 150 MB
 * on Node 20 with the same work.
 *
 * A script cannot pass `--max-semi-space-size` to the process that runs it (the action is run
 * as `node dist/index.js`), and V8 fixes that maximum when it starts; the growth factor, though,
 * is read at each growth. So once the young generation has reached Node 20's maximum, growth
 * stops: the same 32 MB on both runtimes. Measured on the benchmark tree with Node 24: peak RSS
 * 218-255 MB → about 175 MB, CPU time unchanged within noise. Before that size nothing changes,
 * so a small repository keeps V8's own sizing.
 *
 * Why changing a V8 flag after start is safe here, although Node's documentation of
 * `v8.setFlagsFromString` warns that it may behave unpredictably: that warning is about flags
 * that V8 reads once (when the heap or a compiler is set up), whose later change is ignored or
 * half applied. `--semi-space-growth-factor` is read each time the new space grows, and only
 * as a multiplier of its current size, so setting it to 1 means "do not grow any more": the
 * space keeps its size and V8's own bounds. Node runs V8 with `--no-freeze-flags-after-init`
 * (the default of `node --v8-options` on Node 20 and 24), so the change is accepted, and it is
 * made once per process.
 *
 * It changes the whole process, so only the entry points use it (the CLI's scan and the
 * action, through the pipeline's `checkpoint`), never the library code.
 */
const NODE20_NEW_SPACE_BYTES = 32 * 1024 * 1024

let capped = false

/** Stops the young generation's growth once it is as large as Node 20 lets it be; cheap to call often (one statistics call until then). */
export function capYoungGeneration(): void {
  if (capped) return
  const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')
  if (newSpace === undefined || newSpace.space_size < NODE20_NEW_SPACE_BYTES) return
  setFlagsFromString('--semi-space-growth-factor=1')
  capped = true
}
