package org.lorasim.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DownloadDatasetsTest {

    @Test
    void usageNamesTheCommandLineAUserHas() {
        // Execute
        String usage = DownloadDatasets.usage("sst2");

        // Assert
        assertThat(usage).isEqualTo("./lorasim download-datasets sst2");
    }

    @Test
    void usageNamesTheCacheOnlyWhenItIsNotTheDefault() {
        // Execute, Assert
        assertThat(DownloadDatasets.usage("agnews", DataLocations.defaultCache())).isEqualTo("./lorasim download-datasets agnews");
        assertThat(DownloadDatasets.usage("agnews", Path.of("/data/cache"))).isEqualTo("./lorasim download-datasets agnews --cache /data/cache");
    }

    @Test
    void everyDatasetTheLoadersKnowCanBeDownloaded() {
        // Assert: the ids the command accepts are the ones StandardDatasets loads.
        assertThat(DatasetSources.datasetIds()).containsExactlyInAnyOrder("sst2", "banking77", "agnews");
    }
}
