package org.lorasim.cluster.cli;

import java.util.ArrayList;
import java.util.List;
import org.lorasim.training.data.DatasetSources;
import org.lorasim.training.data.DownloadDatasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lorasim download-datasets}: {@link DownloadDatasets} under the one command line. */
@Command(name = "download-datasets", mixinStandardHelpOptions = true,
        description = {"Download standard data sets into the cache (~/.cache/lorasim/datasets, or"
                + " -Dlorasim.data.cache=DIR through JAVA_OPTS), checking each file's SHA-256. The built-in"
                + " acceptability task needs no download."},
        footerHeading = "%nExamples:%n",
        footer = {"  lorasim download-datasets sst2", "  lorasim download-datasets sst2 banking77 agnews"})
final class DownloadDatasetsCommand extends LorasimCommand {

    @Parameters(paramLabel = "DATASET", arity = "0..*", description = "Data set ids to fetch.")
    List<String> ids = new ArrayList<>();

    @Override
    int execute() {
        if (ids.isEmpty()) {
            throw new UserInputException("name the data sets to download; known: " + DatasetSources.datasetIds());
        }
        // DownloadDatasets exits the JVM itself with 2 (unknown id) or 1 (failed download), reason on stderr.
        DownloadDatasets.main(ids.toArray(String[]::new));
        return DONE;
    }
}
