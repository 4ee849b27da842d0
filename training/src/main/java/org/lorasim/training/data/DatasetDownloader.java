package org.lorasim.training.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Fills the cache folder of {@link DataLocations} with a dataset's files from {@link DatasetSources}:
 * fetch, transform (zip member, AG News CSV to TSV), check the SHA-256, then move into place, so a file in
 * the cache is always complete. A file already there with the expected checksum is not fetched again.
 * The network is reached only through the {@link Fetcher} given (tests pass one that reads local files).
 */
public final class DatasetDownloader {

    /** Copies the resource at {@code uri} into {@code target}. */
    @FunctionalInterface
    public interface Fetcher {
        void fetch(URI uri, Path target) throws IOException;
    }

    /** How a file's checksum was judged. */
    public enum Check { MATCHED, ALREADY_PRESENT, NO_CHECKSUM_KNOWN, NOT_VERIFIED }

    /** One file now in the cache, with the SHA-256 of its content. */
    public record Result(Path file, String sha256, Check check) {
    }

    private static final List<String> AG_NEWS_CLASSES = List.of("World", "Sports", "Business", "Sci/Tech");

    private final DataLocations locations;
    private final Fetcher fetcher;
    private final boolean verify;

    /**
     * @param verify whether a checksum mismatch rejects the file; switch it off only after checking by hand
     *               a source that has changed since {@link DatasetSources} was written
     */
    public DatasetDownloader(DataLocations locations, Fetcher fetcher, boolean verify) {
        this.locations = Objects.requireNonNull(locations, "locations");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.verify = verify;
    }

    /** A fetcher over {@link HttpClient} that follows redirects and fails on any status but 200. */
    public static Fetcher httpFetcher(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(timeout).build();
        return (uri, target) -> {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
            try {
                HttpResponse<Path> response = client.send(request, HttpResponse.BodyHandlers.ofFile(target));
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP status " + response.statusCode() + " for " + uri);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching " + uri, e);
            }
        };
    }

    /**
     * @throws DatasetException for an unknown id, a failed fetch, a missing zip member, or a checksum mismatch
     *                          (naming the file, the source, both checksums and what to do)
     */
    public List<Result> download(String datasetId) {
        List<DatasetSources.RemoteFile> files = DatasetSources.filesOf(datasetId);
        Path folder = locations.cacheFolder(datasetId);
        Map<URI, Path> fetched = new HashMap<>();
        List<Result> results = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            for (DatasetSources.RemoteFile file : files) {
                results.add(install(file, folder, fetched));
            }
        } catch (IOException e) {
            throw DatasetException.inFile(folder, "download of " + datasetId + " failed: " + e, e);
        } finally {
            fetched.values().forEach(DatasetDownloader::deleteQuietly);
        }
        return results;
    }

    private Result install(DatasetSources.RemoteFile file, Path folder, Map<URI, Path> fetched) throws IOException {
        Path target = folder.resolve(file.fileName());
        if (Files.isRegularFile(target) && file.sha256().isPresent() && file.sha256().get().equals(sha256(target))) {
            return new Result(target, file.sha256().get(), Check.ALREADY_PRESENT);
        }
        Path source = fetched.get(file.uri());
        if (source == null) {
            source = Files.createTempFile(folder, ".fetch-", ".tmp");
            fetched.put(file.uri(), source);
            fetcher.fetch(file.uri(), source);
        }
        Path part = folder.resolve(file.fileName() + ".part");
        try {
            transform(file, source, part);
            String actual = sha256(part);
            Check check;
            if (file.sha256().isEmpty()) {
                check = Check.NO_CHECKSUM_KNOWN;
            } else if (file.sha256().get().equals(actual)) {
                check = Check.MATCHED;
            } else if (verify) {
                throw DatasetException.inFile(target, "checksum mismatch for the file made from " + file.uri()
                        + ": expected SHA-256 " + file.sha256().get() + ", got " + actual + ". The expected value is "
                        + "that of the lorasim mirror's copy and could not be checked against the source when it was "
                        + "written; if the source has changed, compare the file by hand and download again with "
                        + "verification off. Nothing was written to " + target + ".");
            } else {
                check = Check.NOT_VERIFIED;
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Result(target, actual, check);
        } finally {
            deleteQuietly(part);
        }
    }

    private static void transform(DatasetSources.RemoteFile file, Path source, Path part) throws IOException {
        switch (file.transform()) {
            case AS_IS -> Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
            case ZIP_MEMBER -> extract(source, file.member(), part, file.uri());
            case AG_NEWS_CSV_TO_TSV -> agNewsToTsv(source, part);
        }
    }

    private static void extract(Path zip, String member, Path part, URI uri) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.getName().equals(member)) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                    return;
                }
                names.add(entry.getName());
            }
        }
        throw new DatasetException("archive from " + uri + " has no member " + member + "; members: " + names);
    }

    /**
     * Zhang et al.'s {@code "class","title","description"} rows (classes 1-4) to the mirror's
     * {@code description<TAB>class name} rows, quoting a field that holds a quote, tab or line break with
     * doubled quotes inside, as Python's {@code csv} module does.
     */
    static void agNewsToTsv(Path csv, Path tsv) throws IOException {
        TabularFormat format = TabularFormat.csv("description", "class", LabelMapping.discovered())
                .withoutHeader(List.of("class", "title", "description"));
        List<TabularReader.Row> rows = TabularReader.readRows(csv, format);
        LabelMapping classes = LabelMapping.byName(List.of("1", "2", "3", "4"));
        try (BufferedWriter out = Files.newBufferedWriter(tsv, StandardCharsets.UTF_8)) {
            for (TabularReader.Row row : rows) {
                int index = classes.indexOf(row.labelValue())
                        .orElseThrow(() -> DatasetException.atLine(csv, row.line(),
                                "AG News class must be 1-4, got '" + row.labelValue() + "'"));
                out.write(quoteForTsv(row.text()));
                out.write('\t');
                out.write(AG_NEWS_CLASSES.get(index));
                out.write('\n');
            }
        }
    }

    static String quoteForTsv(String field) {
        if (field.indexOf('"') < 0 && field.indexOf('\t') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /** Lower-case hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a leftover temporary file in the cache is harmless and is replaced by the next download
        }
    }
}
