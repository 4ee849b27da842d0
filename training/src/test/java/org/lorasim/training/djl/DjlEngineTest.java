package org.lorasim.training.djl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DjlEngineTest {
    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(DjlEngine.OFFLINE_PROPERTY);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(DjlEngine.OFFLINE_PROPERTY);
        } else {
            System.setProperty(DjlEngine.OFFLINE_PROPERTY, saved);
        }
    }

    @Test
    void offlineIsTheDefault() {
        // Prepare
        System.clearProperty(DjlEngine.OFFLINE_PROPERTY);

        // Execute
        DjlEngine.ensureOffline();

        // Assert: set to true unless the environment variable DJL_OFFLINE already decides
        String expected = System.getenv(DjlEngine.OFFLINE_ENV) == null ? "true" : null;
        assertThat(System.getProperty(DjlEngine.OFFLINE_PROPERTY)).isEqualTo(expected);
    }

    @Test
    void aUserChoiceIsKept() {
        // Prepare
        System.setProperty(DjlEngine.OFFLINE_PROPERTY, "false");

        // Execute
        DjlEngine.ensureOffline();

        // Assert
        assertThat(System.getProperty(DjlEngine.OFFLINE_PROPERTY)).isEqualTo("false");
    }

    @Test
    void theEngineIsPyTorch() {
        assertThat(DjlEngine.pytorch().getEngineName()).isEqualTo(DjlEngine.ENGINE_NAME);
    }
}
