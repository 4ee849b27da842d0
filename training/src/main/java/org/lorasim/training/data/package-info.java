/**
 * Datasets: {@link org.lorasim.training.data.Example}s in immutable
 * {@link org.lorasim.training.data.TextDataset}s with train / validation / test splits; the built-in
 * LanguageTool acceptability task ({@link org.lorasim.training.data.LanguageToolAcceptability}, offline);
 * loaders for SST-2, Banking77 and AG News ({@link org.lorasim.training.data.StandardDatasets}) and for
 * any CSV, TSV or JSONL file ({@link org.lorasim.training.data.TabularReader}); where files are found
 * ({@link org.lorasim.training.data.DataLocations}: mirror, then cache) and how they are downloaded
 * ({@link org.lorasim.training.data.DatasetDownloader}). Every failure is a
 * {@link org.lorasim.training.data.DatasetException} that names the file.
 */
package org.lorasim.training.data;
