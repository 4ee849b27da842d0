package org.lorasim.actors.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * file holds the {@link TrainerSlot.Trained} as our Kryo bytes, written to a temporary file, forced to disk
 * and renamed, so a kill never leaves a half-written entry.
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
    private final Path directory;
    private final Serialization serialization;
    private final Map<EventKey, String> awaited = new ConcurrentHashMap<>();

    private TrainingJournal(Path directory, Serialization serialization) {
        this.directory = directory;
        this.serialization = serialization;
    }

    /** The journal in {@code directory} (made if missing), written and read with {@code system}'s serializer. */
    public static TrainingJournal open(Path directory, ActorSystem<?> system) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the training journal " + directory, e);
        }
        return new TrainingJournal(directory, SerializationExtension.get(Adapter.toClassic(system)));
    }

    /** The outcome recorded for {@code job}, if any. */
    public Optional<TrainerSlot.Trained> find(String job) {
        Path file = directory.resolve(job + ".kryo");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            return Optional.of((TrainerSlot.Trained) serialization.deserialize(bytes, TrainerSlot.Trained.class).get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the training journal entry " + file, e);
        }
    }

    /** The outcome of the training whose completion key is {@code key} goes to the journal as {@code job}. */
    void await(EventKey key, String job) {
        awaited.put(key, job);
    }

    /** Number of outcomes recorded. */
    public long size() {
        try (var files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".kryo")).count();
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
        Path file = directory.resolve(job + ".kryo");
        Path temporary = directory.resolve(job + ".kryo.tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(serialization.serialize(trained).get()));
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
