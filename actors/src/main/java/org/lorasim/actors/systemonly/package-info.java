/**
 * System-only mode: the simulation without training, for studying system dynamics (rounds, stragglers,
 * bandwidth, failures) with up to hundreds of thousands of clients. {@link org.lorasim.actors.systemonly.CostModelTrainer}
 * is a FAKE trainer: no model, no data; compute time from the FLOP model, a synthetic low-rank update and a
 * synthetic loss curve. Every {@link org.lorasim.actors.systemonly.TrainingOutcome} it returns says
 * {@code synthetic = true}, and every output derived from one (rounds.csv, metrics.jsonl, summary.json,
 * plots, report) must carry that label.
 *
 * <p>How the runtime should hold state at 100,000 clients (a MiniLM query+value rank-8 adapter with its
 * head is about 300 KB, so 100,000 of them would be 30 GB):
 * <ul>
 *   <li>one global adapter, shared by reference by every client and every job (the cost-model trainer
 *       never copies or changes it);</li>
 *   <li>a client keeps only its last {@link org.lorasim.actors.systemonly.SyntheticUpdate} (a seed and a
 *       scale, 16 bytes) and the round it was made in, never an adapter;</li>
 *   <li>the aggregator folds each arriving update into one running sum
 *       ({@link org.lorasim.actors.systemonly.SyntheticUpdateSum}, one float per adapter value) and drops it,
 *       so a round holds one adapter-sized buffer however many clients it samples;</li>
 *   <li>an adapter is materialised from (start adapter, update) by
 *       {@link org.lorasim.actors.systemonly.SyntheticNoise#materialise} only when something needs its values
 *       (a checkpoint, a gossip message payload, a test); its byte size for link timing is the layout's
 *       {@code Adapter.byteSize()}, known without materialising.</li>
 * </ul>
 * The noise comes from one shared pool of Gaussians made once from a seed
 * ({@link org.lorasim.actors.systemonly.SyntheticNoise}); an update is a seeded window into it, so it is
 * regenerated bit for bit in any JVM that builds the pool with the same seed and size.
 */
package org.lorasim.actors.systemonly;
