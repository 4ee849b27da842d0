package org.lorasim.training.data;

import java.io.PrintWriter;
import java.nio.file.Path;
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

    /** As {@link #usage(String)}, with {@code --cache DIR} when {@code cache} is not the default. */
    public static String usage(String datasetId, Path cache) {
        return usage(datasetId) + (cache.equals(DataLocations.defaultCache().toAbsolutePath().normalize())
                ? "" : " --cache " + cache);
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: " + usage("<dataset id>...") + "; ids: " + DatasetSources.datasetIds());
            System.exit(2);
        }
        System.exit(run(List.of(args), DataLocations.fromSystemProperties(), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true)));
    }

    /**
     * Fetches each data set into {@code locations}' cache, one line per file on {@code out}.
     *
     * @return 0 when every file is in place, 2 for an unknown id, 1 for a failed download (reason on {@code err})
     */
    public static int run(List<String> ids, DataLocations locations, PrintWriter out, PrintWriter err) {
        DatasetDownloader downloader = new DatasetDownloader(locations,
                DatasetDownloader.httpFetcher(Duration.ofMinutes(5)), true);
        for (String id : ids) {
            if (!DatasetSources.datasetIds().contains(id)) {
                err.println("unknown dataset '" + id + "'; known: " + DatasetSources.datasetIds());
                err.flush();
                return 2;
            }
            try {
                List<DatasetDownloader.Result> results = downloader.download(id);
                results.forEach(r -> out.println(id + ": " + r.file() + " (" + r.check() + ")"));
                out.flush();
            } catch (DatasetException e) {
                err.println(e.getMessage());
                err.flush();
                return 1;
            }
        }
        return 0;
    }
}
