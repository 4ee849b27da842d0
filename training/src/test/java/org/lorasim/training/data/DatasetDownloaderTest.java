package org.lorasim.training.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The downloader with fetchers that copy local files: no test reaches the network. */
class DatasetDownloaderTest {
    @TempDir
    Path dir;

    private final List<URI> fetched = new ArrayList<>();

    /** Serves each URI from the file mapped to its last path segment. */
    private DatasetDownloader.Fetcher serving(Map<String, Path> byName) {
        return (uri, target) -> {
            fetched.add(uri);
            String path = uri.getPath();
            Path source = byName.get(path.substring(path.lastIndexOf('/') + 1));
            if (source == null) {
                throw new IOException("HTTP status 404 for " + uri);
            }
            Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        };
    }

    private DataLocations cacheOnly() {
        return new DataLocations(Optional.empty(), dir.resolve("cache"));
    }

    @Test
    void banking77FromTheMirrorsBytesMatchesEveryChecksum() throws IOException {
        // Prepare
        Path mirror = MirrorData.folder().resolve("banking77");
        DatasetDownloader downloader = new DatasetDownloader(cacheOnly(), serving(Map.of(
                "train.csv", mirror.resolve("train.csv"), "test.csv", mirror.resolve("test.csv"),
                "categories.json", mirror.resolve("categories.json"))), true);

        // Execute
        List<DatasetDownloader.Result> first = downloader.download(StandardDatasets.BANKING77);
        List<DatasetDownloader.Result> second = downloader.download(StandardDatasets.BANKING77);

        // Assert: fetched once, then found in place; the cache loads like the mirror
        assertThat(first).extracting(DatasetDownloader.Result::check).containsOnly(DatasetDownloader.Check.MATCHED);
        assertThat(second).extracting(DatasetDownloader.Result::check).containsOnly(DatasetDownloader.Check.ALREADY_PRESENT);
        assertThat(fetched).hasSize(3);
        assertThat(Files.readAllBytes(dir.resolve("cache/banking77/train.csv"))).isEqualTo(Files.readAllBytes(mirror.resolve("train.csv")));
        assertThat(new StandardDatasets(cacheOnly()).banking77().train()).hasSize(10_003);
        try (var leftovers = Files.list(dir.resolve("cache/banking77"))) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("train.csv", "test.csv", "categories.json");
        }
    }

    @Test
    void checksumMismatchWritesNothingAndSaysWhy() throws IOException {
        // Prepare
        Path wrong = Files.writeString(dir.resolve("wrong.csv"), "text,category\nx,card_arrival\n");
        DatasetDownloader downloader = new DatasetDownloader(cacheOnly(), serving(Map.of("train.csv", wrong)), true);

        // Execute, Assert
        assertThatThrownBy(() -> downloader.download(StandardDatasets.BANKING77))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("b06e26ac675513959a63135f11b94ea7786ed02da65db93a5650d8838cbc664b")
                .hasMessageContaining(DatasetDownloader.sha256(wrong))
                .hasMessageContaining("lorasim mirror");
        assertThat(dir.resolve("cache/banking77/train.csv")).doesNotExist();
        assertThat(dir.resolve("cache/banking77/train.csv.part")).doesNotExist();
    }

    @Test
    void withoutVerificationAMismatchIsKeptAndReported() throws IOException {
        // Prepare
        Path mirror = MirrorData.folder().resolve("banking77");
        Path wrong = Files.writeString(dir.resolve("wrong.csv"), "text,category\nx,card_arrival\n");
        DatasetDownloader downloader = new DatasetDownloader(cacheOnly(), serving(Map.of("train.csv", wrong,
                "test.csv", mirror.resolve("test.csv"), "categories.json", mirror.resolve("categories.json"))), false);

        // Execute
        List<DatasetDownloader.Result> results = downloader.download(StandardDatasets.BANKING77);

        // Assert
        assertThat(results).extracting(DatasetDownloader.Result::check).containsExactly(
                DatasetDownloader.Check.NOT_VERIFIED, DatasetDownloader.Check.MATCHED, DatasetDownloader.Check.MATCHED);
        assertThat(results.get(0).sha256()).isEqualTo(DatasetDownloader.sha256(wrong));
    }

    @Test
    void sst2TakesTwoMembersOfOneArchive() throws IOException {
        // Prepare: GLUE's layout; its dev.tsv is the mirror's test.tsv
        Path mirrorTest = MirrorData.folder().resolve("sst2/test.tsv");
        Path zip = dir.resolve("SST-2.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(out, "SST-2/train.tsv", "sentence\tlabel\ngood \t1\nbad \t0\n".getBytes(StandardCharsets.UTF_8));
            put(out, "SST-2/dev.tsv", Files.readAllBytes(mirrorTest));
            put(out, "SST-2/test.tsv", "index\tsentence\n0\tunlabelled\n".getBytes(StandardCharsets.UTF_8));
        }
        DatasetDownloader downloader = new DatasetDownloader(cacheOnly(), serving(Map.of("SST-2.zip", zip)), true);

        // Execute
        List<DatasetDownloader.Result> results = downloader.download(StandardDatasets.SST2);
        TextDataset sst2 = new StandardDatasets(cacheOnly()).sst2();

        // Assert: one fetch; the mirror's checksum holds for test.tsv; no dev.tsv, so no validation split
        assertThat(fetched).hasSize(1);
        assertThat(results).extracting(DatasetDownloader.Result::check)
                .containsExactly(DatasetDownloader.Check.NO_CHECKSUM_KNOWN, DatasetDownloader.Check.MATCHED);
        assertThat(sst2.splits()).containsExactly(Split.TRAIN, Split.TEST);
        assertThat(sst2.train()).containsExactly(new Example("good ", 1), new Example("bad ", 0));
        assertThat(sst2.test()).hasSize(872);
    }

    @Test
    void banking77DownloadOfTinyFilesFillsTheCacheTheLoaderReads() throws IOException {
        // Prepare: the same layout as the real files, a few rows; they cannot match the pinned checksums
        Path source = dir.resolve("source");
        TinyMirror.banking77(source);
        Path files = source.resolve("banking77");
        DatasetDownloader downloader = new DatasetDownloader(cacheOnly(), serving(Map.of(
                "train.csv", files.resolve("train.csv"), "test.csv", files.resolve("test.csv"),
                "categories.json", files.resolve("categories.json"))), false);

        // Execute
        List<DatasetDownloader.Result> results = downloader.download(StandardDatasets.BANKING77);

        // Assert
        assertThat(results).extracting(DatasetDownloader.Result::check).containsOnly(DatasetDownloader.Check.NOT_VERIFIED);
        assertThat(new StandardDatasets(cacheOnly()).banking77().train()).hasSize(4);
    }

    @Test
    void sst2TakesTwoMembersOfATinyArchive() throws IOException {
        // Prepare: GLUE's layout; its dev.tsv becomes test.tsv
        Path zip = dir.resolve("SST-2.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(out, "SST-2/train.tsv", "sentence\tlabel\ngood \t1\nbad \t0\n".getBytes(StandardCharsets.UTF_8));
            put(out, "SST-2/dev.tsv", "sentence\tlabel\nfine \t1\n".getBytes(StandardCharsets.UTF_8));
            put(out, "SST-2/test.tsv", "index\tsentence\n0\tunlabelled\n".getBytes(StandardCharsets.UTF_8));
        }
        DatasetDownloader downloader = new DatasetDownloader(cacheOnly(), serving(Map.of("SST-2.zip", zip)), false);

        // Execute
        downloader.download(StandardDatasets.SST2);
        TextDataset sst2 = new StandardDatasets(cacheOnly()).sst2();

        // Assert
        assertThat(fetched).hasSize(1);
        assertThat(sst2.splits()).containsExactly(Split.TRAIN, Split.TEST);
        assertThat(sst2.test()).containsExactly(new Example("fine ", 1));
    }

    @Test
    void missingArchiveMemberIsNamed() throws IOException {
        // Prepare
        Path zip = dir.resolve("SST-2.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(out, "other/file.txt", new byte[]{1});
        }
        DatasetDownloader downloader = new DatasetDownloader(cacheOnly(), serving(Map.of("SST-2.zip", zip)), true);

        // Execute, Assert
        assertThatThrownBy(() -> downloader.download(StandardDatasets.SST2)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("no member SST-2/train.tsv").hasMessageContaining("[other/file.txt]");
    }

    @Test
    void agNewsCsvBecomesTheMirrorsTsv() throws IOException {
        // Prepare: Zhang et al.'s layout, as in the original test.csv (quotes doubled, backslashes literal)
        Path csv = Files.writeString(dir.resolve("test.csv"), """
                "3","Fears for T N pension after talks","Unions say they are 'disappointed'."
                "4","Open Letter","launched a ""Music Manifesto"" campaign"
                "1","Back\\slash","power grid.\\"
                """);
        Path tsv = dir.resolve("test.tsv");

        // Execute
        DatasetDownloader.agNewsToTsv(csv, tsv);

        // Assert: description, tab, class name (3 = Business, 4 = Sci/Tech, 1 = World); quotes re-quoted as pandas does
        assertThat(Files.readString(tsv)).isEqualTo("""
                Unions say they are 'disappointed'.\tBusiness
                "launched a ""Music Manifesto"" campaign"\tSci/Tech
                power grid.\\\tWorld
                """);
    }

    @Test
    void agNewsDownloadGivesTrainAndTest() throws IOException {
        // Prepare
        Path csv = Files.writeString(dir.resolve("any.csv"), "\"2\",\"t\",\"A goal.\"\n\"1\",\"t\",\"A vote.\"\n");
        DatasetDownloader downloader = new DatasetDownloader(cacheOnly(), serving(Map.of("train.csv", csv, "test.csv", csv)), false);

        // Execute
        List<DatasetDownloader.Result> results = downloader.download(StandardDatasets.AG_NEWS);
        TextDataset agNews = new StandardDatasets(cacheOnly()).agNews();

        // Assert: the made-up test.csv cannot match the mirror's checksum, so it is reported unverified
        assertThat(results).extracting(DatasetDownloader.Result::check)
                .containsExactly(DatasetDownloader.Check.NO_CHECKSUM_KNOWN, DatasetDownloader.Check.NOT_VERIFIED);
        assertThat(agNews.splits()).containsExactly(Split.TRAIN, Split.TEST);
        assertThat(agNews.train()).containsExactly(new Example("A goal.", 1), new Example("A vote.", 0));
    }

    @Test
    void agNewsClassOutsideOneToFourIsNamed() throws IOException {
        // Prepare
        Path csv = Files.writeString(dir.resolve("bad.csv"), "\"1\",\"t\",\"ok\"\n\"5\",\"t\",\"odd\"\n");

        // Execute, Assert
        assertThatThrownBy(() -> DatasetDownloader.agNewsToTsv(csv, dir.resolve("out.tsv")))
                .isInstanceOf(DatasetException.class).hasMessageContaining(csv + ":2:").hasMessageContaining("'5'");
    }

    @Test
    void failedFetchAndUnknownIdAreNamed() {
        // Prepare
        DatasetDownloader downloader = new DatasetDownloader(cacheOnly(), serving(Map.of()), true);

        // Execute, Assert
        assertThatThrownBy(() -> downloader.download(StandardDatasets.BANKING77)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("download of banking77 failed").hasMessageContaining("404");
        assertThatThrownBy(() -> downloader.download("imdb")).isInstanceOf(DatasetException.class)
                .hasMessageContaining("no download known for dataset 'imdb'").hasMessageContaining("[agnews, banking77, sst2]");
    }

    @Test
    void pinnedChecksumsAreThoseOfTheMirror() throws IOException {
        // Prepare
        Path mirror = MirrorData.folder();

        // Execute, Assert: every known checksum equals the mirror file of that name
        for (DatasetSources.RemoteFile file : DatasetSources.all()) {
            if (file.sha256().isPresent()) {
                assertThat(DatasetDownloader.sha256(mirror.resolve(file.datasetId()).resolve(file.fileName())))
                        .as(file.datasetId() + "/" + file.fileName()).isEqualTo(file.sha256().get());
            }
        }
        for (String line : DatasetSources.MIRROR_ONLY_SHA256) {
            String[] parts = line.split(" ");
            assertThat(DatasetDownloader.sha256(mirror.resolve(parts[0]))).as(parts[0]).isEqualTo(parts[1]);
        }
        assertThat(DatasetSources.all()).filteredOn(f -> f.sha256().isPresent()).hasSize(5);
    }

    @Test
    void quotingForTsv() {
        // Execute, Assert
        assertThat(DatasetDownloader.quoteForTsv("plain 'text'")).isEqualTo("plain 'text'");
        assertThat(DatasetDownloader.quoteForTsv("a \"b\"")).isEqualTo("\"a \"\"b\"\"\"");
        assertThat(DatasetDownloader.quoteForTsv("tab\there")).isEqualTo("\"tab\there\"");
    }

    private static void put(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        OutputStream stream = out;
        stream.write(bytes);
        out.closeEntry();
    }
}
