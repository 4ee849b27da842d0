package org.lorasim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lorasim.training.data.DataLocations;
import org.lorasim.training.data.DatasetSources;
import org.lorasim.training.data.DownloadDatasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lorasim download-datasets}: {@link DownloadDatasets} under the one command line. */
@Command(name = "download-datasets", mixinStandardHelpOptions = true,
        description = {"Download standard data sets into the cache (--cache DIR, else -Dlorasim.data.cache through"
                + " JAVA_OPTS, else ~/.cache/lorasim/datasets), checking each file's SHA-256; a scenario whose"
                + " lorasim.data.cache names another folder needs --cache with that folder. The built-in"
                + " acceptability task and custom data sets need no download."},
        footerHeading = "%nExamples:%n",
        footer = {"  lorasim download-datasets sst2", "  lorasim download-datasets sst2 banking77 agnews",
                "  lorasim download-datasets banking77 --cache data/cache"})
final class DownloadDatasetsCommand extends LorasimCommand {

    @Parameters(paramLabel = "DATASET", arity = "0..*", description = "Data set ids to fetch.")
    List<String> ids = new ArrayList<>();

    @Option(names = "--cache", paramLabel = "DIR", description = "The cache folder to fill (lorasim.data.cache).")
    Path cache;

    @Override
    int execute() {
        if (ids.isEmpty()) {
            throw new UserInputException("name the data sets to download; known: " + DatasetSources.datasetIds());
        }
        DataLocations fromProperties = DataLocations.fromSystemProperties();
        DataLocations locations = cache == null ? fromProperties : new DataLocations(Optional.empty(), cache);
        int code = DownloadDatasets.run(ids, locations, out(), err());
        return code == 2 ? BAD_INPUT : code;
    }
}
