package org.lorasim.training.data;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where each dataset file can be downloaded from, and its SHA-256. Data only; {@link DatasetDownloader}
 * does the work.
 * <p>
 * <b>About the checksums.</b> They were computed from the copies in the project's offline mirror
 * ({@code shared/datasets}), because the machines this was written on cannot reach the sources. They are
 * the expected values wherever a download should produce the mirror's file byte for byte; a mismatch means
 * the source changed or the assumption was wrong, and the downloader refuses the file unless verification
 * is switched off. Where a download cannot reproduce the mirror's file, no checksum is given
 * ({@link RemoteFile#sha256()} empty) and the downloader reports the SHA-256 it computed.
 * <p>
 * Layouts. The loaders ({@link StandardDatasets}) read the mirror's layout; downloads produce it as far as
 * the sources allow:
 * <ul>
 *   <li>banking77: PolyAI's {@code banking_data} files as they are.</li>
 *   <li>sst2: GLUE's {@code SST-2.zip}. Its {@code dev.tsv} (872 labelled rows) becomes {@code test.tsv},
 *       which is what the mirror's {@code test.tsv} is. The mirror splits GLUE's train (67,349 rows) into
 *       {@code train.tsv} (60,614) and {@code dev.tsv} (6,735) by a split it does not document; a download
 *       writes all of GLUE's train to {@code train.tsv} and no {@code dev.tsv}, so a downloaded sst2 has no
 *       validation split.</li>
 *   <li>agnews: Zhang et al.'s CSV ({@code "class","title","description"}, classes 1-4), turned into the
 *       mirror's TSV: the description as text, the class name as label, quoted like pandas does. The
 *       mirror's {@code dev.tsv} is an undocumented 10,001-row sample of train; a download writes all of
 *       train (120,000 rows) to {@code train.tsv} instead.</li>
 * </ul>
 */
public final class DatasetSources {

    /** How a fetched file becomes the file in the cache. */
    public enum Transform {
        /** The fetched bytes as they are. */
        AS_IS,
        /** One member of a fetched zip archive ({@link RemoteFile#member()}). */
        ZIP_MEMBER,
        /** AG News CSV {@code class,title,description} to TSV {@code description<TAB>class name}. */
        AG_NEWS_CSV_TO_TSV
    }

    /**
     * One file of a dataset's cache folder.
     *
     * @param datasetId the dataset's folder name
     * @param fileName  the file's name in that folder
     * @param uri       where it comes from
     * @param transform how the fetched bytes become the file
     * @param member    the zip member for {@link Transform#ZIP_MEMBER}, else empty
     * @param sha256    the expected SHA-256 (lower-case hex) of the resulting file, when known
     */
    public record RemoteFile(String datasetId, String fileName, URI uri, Transform transform, String member,
                             Optional<String> sha256) {
        public RemoteFile {
            Objects.requireNonNull(datasetId, "datasetId");
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(transform, "transform");
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    private static final String POLYAI = "https://raw.githubusercontent.com/PolyAI-LDN/task-specific-datasets/master/banking_data/";
    private static final String GLUE_SST2 = "https://dl.fbaipublicfiles.com/glue/data/SST-2.zip";
    private static final String AG_NEWS = "https://raw.githubusercontent.com/mhjabreel/CharCnn_Keras/master/data/ag_news_csv/";

    private static final List<RemoteFile> FILES = List.of(
            plain(StandardDatasets.BANKING77, "train.csv", POLYAI + "train.csv",
                    "b06e26ac675513959a63135f11b94ea7786ed02da65db93a5650d8838cbc664b"),
            plain(StandardDatasets.BANKING77, "test.csv", POLYAI + "test.csv",
                    "d12d6e3bc4c3103966ae786dc435913c0c563dfa328f5a3646d0e62cfeeb474d"),
            plain(StandardDatasets.BANKING77, "categories.json", POLYAI + "categories.json",
                    "53261da888122daf2d120d925458631d9619e15d82e56052e7a42e535ce32b63"),
            new RemoteFile(StandardDatasets.SST2, "train.tsv", URI.create(GLUE_SST2), Transform.ZIP_MEMBER,
                    "SST-2/train.tsv", Optional.empty()),
            new RemoteFile(StandardDatasets.SST2, "test.tsv", URI.create(GLUE_SST2), Transform.ZIP_MEMBER,
                    "SST-2/dev.tsv", Optional.of("54a9c12c77e402fc14d6a66a506f24d999f596b0176eb777c972cccc2f9cc4b0")),
            new RemoteFile(StandardDatasets.AG_NEWS, "train.tsv", URI.create(AG_NEWS + "train.csv"),
                    Transform.AG_NEWS_CSV_TO_TSV, "", Optional.empty()),
            new RemoteFile(StandardDatasets.AG_NEWS, "test.tsv", URI.create(AG_NEWS + "test.csv"),
                    Transform.AG_NEWS_CSV_TO_TSV, "",
                    Optional.of("e4217edd939f618f24a42b0988c56ec3cddf656d8dc279b9afa443dd1ab6a1c1")));

    /**
     * The SHA-256 of the mirror's files that no download reproduces (listed so a mirror can be checked).
     * {@code sst2/train.tsv} and {@code sst2/dev.tsv} together hold GLUE's SST-2 train; {@code agnews/dev.tsv}
     * is a sample of AG News train.
     */
    public static final List<String> MIRROR_ONLY_SHA256 = List.of(
            "sst2/train.tsv 920e317b2c52e12cd22db1da2c6708312bd7dc4f3712b9bbf1b50ee6c2c792ba",
            "sst2/dev.tsv 92353770071a2a889f75d000a38a9e541ea8f0a5499e50f040b17917a5cbf66f",
            "agnews/dev.tsv 7a0811e0006080bf4de17752c5466450ff3db778be71bc5bcf3c4e99b5f0803d");

    private DatasetSources() {
    }

    private static RemoteFile plain(String dataset, String file, String uri, String sha256) {
        return new RemoteFile(dataset, file, URI.create(uri), Transform.AS_IS, "", Optional.of(sha256));
    }

    /** Every downloadable file, grouped by dataset. */
    public static List<RemoteFile> all() {
        return FILES;
    }

    /** The ids that can be downloaded, sorted. */
    public static Set<String> datasetIds() {
        Set<String> ids = new TreeSet<>();
        FILES.forEach(f -> ids.add(f.datasetId()));
        return ids;
    }

    /**
     * @throws DatasetException naming the known ids when {@code datasetId} is not one of them
     */
    public static List<RemoteFile> filesOf(String datasetId) {
        List<RemoteFile> files = FILES.stream().filter(f -> f.datasetId().equals(datasetId)).toList();
        if (files.isEmpty()) {
            throw new DatasetException("no download known for dataset '" + datasetId + "'; known: " + datasetIds());
        }
        return files;
    }
}
