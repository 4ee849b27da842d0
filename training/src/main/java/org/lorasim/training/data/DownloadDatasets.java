package org.lorasim.training.data;

import java.time.Duration;
import java.util.List;

/**
 * The command that fetches the standard data sets from their public sources into the cache, checking each
 * file's SHA-256 ({@link DatasetSources}): {@code DownloadDatasets sst2 banking77 agnews}. The cache is
 * {@code ~/.cache/lorasim/datasets} unless {@code -Dlorasim.data.cache} says otherwise. Exit code 0 when
 * every file is in place, 2 for an unknown id, 1 for a failed download, each with a one-line reason.
 */
public final class DownloadDatasets {
    private DownloadDatasets() {
    }

    /** The command a user has for this ({@code ./lorasim download-datasets ID}), for messages that tell them to. */
    public static String usage(String datasetId) {
        return "./lorasim download-datasets " + datasetId;
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: " + usage("<dataset id>...") + "; ids: " + DatasetSources.datasetIds());
            System.exit(2);
        }
        DatasetDownloader downloader = new DatasetDownloader(DataLocations.fromSystemProperties(),
                DatasetDownloader.httpFetcher(Duration.ofMinutes(5)), true);
        for (String id : args) {
            if (!DatasetSources.datasetIds().contains(id)) {
                System.err.println("unknown dataset '" + id + "'; known: " + DatasetSources.datasetIds());
                System.exit(2);
            }
            try {
                List<DatasetDownloader.Result> results = downloader.download(id);
                results.forEach(r -> System.out.println(id + ": " + r.file() + " (" + r.check() + ")"));
            } catch (DatasetException e) {
                System.err.println(e.getMessage());
                System.exit(1);
            }
        }
    }
}
