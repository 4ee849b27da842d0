package org.lorasim.actors.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventKey;
import org.lorasim.actors.trainer.TrainerSlot;

/**
 * The run's checkpoint of finished work: every real training outcome, one file per job in a directory, so
 * that a run killed at any moment resumes without training again what it had trained. A job is named by its
 * node, round and the digest of the adapter it started from ({@code c<client>-r<round>-<digest>.kryo}); its
 * file holds the {@link TrainerSlot.Trained} as our Kryo bytes behind a CRC32C checksum ({@link JournalEntry}),
 * written to a temporary file, forced to disk and renamed, so a kill never leaves a half-written entry.
 *
 * <p>Integrity: {@link #open} checks every entry first and refuses a journal with damaged ones (truncated,
 * emptied or changed files: {@link DamagedJournalException}, naming each file and job), since replaying them
 * would end a run "finished" with a different model. {@link #setAside} moves damaged entries out of the way;
 * their jobs are then trained again, and since a seeded training is bit-identical, every later entry still
 * matches the adapter it started from and is replayed: the run goes on as if the damaged entries had never
 * been written.
 *
 * <p>Why outcomes rather than a snapshot of every actor: in virtual time a seeded run is a pure function of
 * its configuration and of its training outcomes. Replaying the run from round 0 with the journal's outcomes
 * (delivered at the very simulated times and in the very event order the trainings had) reaches exactly the
 * state the killed run had, and what follows is the uninterrupted run's own continuation: its final metrics
 * are the same, bit for bit. The replay costs the simulation without the training (and the evaluations).
 *
 * <p>The slots report outcomes to the clock; {@link #clockProxy} stands in for the clock in their requests,
 * writes each awaited outcome to the journal, then passes it on unchanged.
 */
public final class TrainingJournal {
    private static final String SUFFIX = ".kryo";
    /** An entry's file name: {@code c<client>-r<round>-<digest>.kryo}. */
    private static final Pattern JOB = Pattern.compile("c(\\d+)-r(\\d+)-.*\\.kryo");
    private final Path directory;
    private final Serialization serialization;
    private final Map<EventKey, String> awaited = new ConcurrentHashMap<>();

    private TrainingJournal(Path directory, Serialization serialization) {
        this.directory = directory;
        this.serialization = serialization;
    }

    /**
     * The journal in {@code directory} (made if missing), written and read with {@code system}'s serializer.
     *
     * @throws DamagedJournalException if an entry fails its check ({@link #check})
     */
    public static TrainingJournal open(Path directory, ActorSystem<?> system) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the training journal " + directory, e);
        }
        List<DamagedJournalException.Damage> damaged = check(directory);
        if (!damaged.isEmpty()) {
            throw new DamagedJournalException(damaged);
        }
        return new TrainingJournal(directory, SerializationExtension.get(Adapter.toClassic(system)));
    }

    /** Every entry of the journal in {@code directory} that is not intact, in file-name order; none if absent. */
    public static List<DamagedJournalException.Damage> check(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<DamagedJournalException.Damage> damaged = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                JournalEntry.Decoded entry = JournalEntry.decode(Files.readAllBytes(file));
                if (!entry.intact()) {
                    Matcher job = JOB.matcher(file.getFileName().toString());
                    boolean named = job.matches();
                    damaged.add(new DamagedJournalException.Damage(file, named ? Integer.parseInt(job.group(1)) : -1,
                            named ? Integer.parseInt(job.group(2)) : -1, entry.problem()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the training journal " + directory + ": " + e.getMessage(), e);
        }
        return damaged;
    }

    /**
     * Moves each damaged entry into {@code aside} (made if missing), so that its job is trained again.
     *
     * @return the entries' new paths
     */
    public static List<Path> setAside(List<DamagedJournalException.Damage> damaged, Path aside) {
        List<Path> moved = new ArrayList<>();
        try {
            Files.createDirectories(aside);
            for (DamagedJournalException.Damage d : damaged) {
                Path target = aside.resolve(d.file().getFileName());
                Files.move(d.file(), target, StandardCopyOption.REPLACE_EXISTING);
                moved.add(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move damaged journal entries to " + aside + ": " + e.getMessage(), e);
        }
        return moved;
    }

    /**
     * The outcome recorded for {@code job}, if any. An entry that cannot be read back (damaged after
     * {@link #open} checked it) counts as absent: its job is trained again, to the same outcome.
     */
    public Optional<TrainerSlot.Trained> find(String job) {
        Path file = directory.resolve(job + SUFFIX);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JournalEntry.Decoded entry = JournalEntry.decode(Files.readAllBytes(file));
            if (!entry.intact()) {
                return Optional.empty();
            }
            return Optional.of((TrainerSlot.Trained) serialization.deserialize(entry.payload(),
                    TrainerSlot.Trained.class).get());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The outcome of the training whose completion key is {@code key} goes to the journal as {@code job}. */
    void await(EventKey key, String job) {
        awaited.put(key, job);
    }

    /** Number of outcomes recorded. */
    public long size() {
        try (var files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the training journal " + directory, e);
        }
    }

    /** A stand-in for {@code clock} that journals awaited training outcomes before passing them on. */
    public Behavior<Clock.Command> clockProxy(ActorRef<Clock.Command> clock) {
        return Behaviors.receive(Clock.Command.class).onMessage(Clock.Command.class, command -> {
            if (command instanceof Clock.WorkCompleted done && done.result() instanceof TrainerSlot.Trained trained) {
                String job = awaited.remove(done.key());
                if (job != null) {
                    write(job, trained);
                }
            }
            clock.tell(command);
            return Behaviors.same();
        }).build();
    }

    private void write(String job, TrainerSlot.Trained trained) {
        Path file = directory.resolve(job + SUFFIX);
        Path temporary = directory.resolve(job + SUFFIX + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(JournalEntry.encode(serialization.serialize(trained).get()));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training journal entry " + temporary, e);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + temporary + " to " + file, e);
        }
    }
}
