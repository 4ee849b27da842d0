package org.lorasim.training.data;

import static org.assertj.core.api.Assertions.assertThat;

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
    void everyDatasetTheLoadersKnowCanBeDownloaded() {
        // Assert: the ids the command accepts are the ones StandardDatasets loads.
        assertThat(DatasetSources.datasetIds()).containsExactlyInAnyOrder("sst2", "banking77", "agnews");
    }
}
