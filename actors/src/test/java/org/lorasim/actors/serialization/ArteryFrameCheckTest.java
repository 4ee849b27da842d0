package org.lorasim.actors.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;

/**
 * Artery's path through the serializer (ByteBufferSerializer): a message fits the frame's room or is refused,
 * loudly, naming its class, size, the room and the setting, and published as a {@link MessageRefused}.
 */
class ArteryFrameCheckTest {
    private static final ClassLoader LOADER = ArteryFrameCheckTest.class.getClassLoader();

    private final List<MessageRefused> refused = new ArrayList<>();

    private KryoSerializer serializer(Config overrides) {
        return new KryoSerializer(overrides.withFallback(ConfigFactory.defaultReference()), LOADER, () -> {
            throw new AssertionError("no ActorRef in these messages");
        }, refused::add);
    }

    private static Adapter adapterOf(int floats) {
        return new Adapter(Map.of(), Map.of("hd", new DenseTensor(new int[] {floats}, new float[floats])));
    }

    @Test
    void aMessageThatFitsTheFrameIsWrittenAndReadBack() {
        // Prepare
        KryoSerializer serializer = serializer(ConfigFactory.empty());
        Adapter adapter = adapterOf(100);
        ByteBuffer frame = ByteBuffer.allocate(4096);
        frame.put(new byte[16]);

        // Execute
        serializer.toBinary(adapter, frame);
        frame.flip();
        frame.position(16);

        // Assert
        assertThat(serializer.fromBinary(frame, "")).isEqualTo(adapter);
        assertThat(refused).isEmpty();
    }

    @Test
    void aMessageOverTheFramesRoomIsRefusedNamingItsSizeAndTheSetting() {
        // Prepare: an ordinary frame of 1000 bytes, 100 of them taken by the envelope's header
        KryoSerializer serializer = serializer(ConfigFactory.parseString("""
                pekko.remote.artery.advanced { maximum-frame-size = 1000 b, maximum-large-frame-size = 2 MiB }
                """));
        Adapter adapter = adapterOf(1000);
        int size = serializer.toBinary(adapter).length;
        ByteBuffer frame = ByteBuffer.allocate(1000);
        frame.put(new byte[100]);

        // Execute, Assert
        assertThatThrownBy(() -> serializer.toBinary(adapter, frame))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Adapter.class.getName())
                .hasMessageContaining(size + " bytes serialized")
                .hasMessageContaining("900 bytes left")
                .hasMessageContaining("frame of 1000 bytes")
                .hasMessageContaining(MessageRefused.FRAME);
        assertThat(frame.position()).isEqualTo(100);
        assertThat(refused).singleElement().satisfies(r -> {
            assertThat(r.messageClass()).isEqualTo(Adapter.class.getName());
            assertThat(r.bytes()).isEqualTo(size);
            assertThat(r.limitBytes()).isEqualTo(900);
            assertThat(r.limitSetting()).isEqualTo(MessageRefused.FRAME);
        });
    }

    @Test
    void aMessageOverALargeFrameNamesTheLargeFrameSetting() {
        // Prepare
        KryoSerializer serializer = serializer(ConfigFactory.parseString("""
                pekko.remote.artery.advanced { maximum-frame-size = 500 b, maximum-large-frame-size = 1000 b }
                """));

        // Execute
        assertThatThrownBy(() -> serializer.toBinary(adapterOf(1000), ByteBuffer.allocate(1000)))
                .hasMessageContaining(MessageRefused.LARGE_FRAME);

        // Assert
        assertThat(refused).singleElement().extracting(MessageRefused::limitSetting)
                .isEqualTo(MessageRefused.LARGE_FRAME);
    }

    @Test
    void aMessageOverMaxBytesIsPublishedToo() {
        // Prepare
        KryoSerializer serializer = serializer(ConfigFactory.parseString("""
                lorasim.serialization { max-bytes = 1000 b, initial-buffer-bytes = 512 b }
                """));

        // Execute
        assertThatThrownBy(() -> serializer.toBinary(adapterOf(1000), ByteBuffer.allocate(1 << 20)))
                .hasMessageContaining("lorasim.serialization.max-bytes = 1000");

        // Assert
        assertThat(refused).singleElement().satisfies(r -> {
            assertThat(r.limitSetting()).isEqualTo(MessageRefused.MAX_BYTES);
            assertThat(r.limitBytes()).isEqualTo(1000);
            assertThat(r.bytes()).isGreaterThan(4000);
        });
    }

    @Test
    void aPartOverMaxBytesIsPublishedNamingTheObjectThatDidNotFit() {
        // Prepare: batched objects of which the second, an adapter of 4000 bytes, overflows a 1000-byte limit
        KryoSerializer serializer = serializer(ConfigFactory.parseString("""
                lorasim.serialization { max-bytes = 1000 b, initial-buffer-bytes = 512 b }
                """));
        List<Object> objects = List.of(adapterOf(10), adapterOf(1000));

        // Execute
        assertThatThrownBy(() -> serializer.writeParts(objects, 1 << 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lorasim.serialization.max-bytes = 1000")
                .hasMessageContaining(Adapter.class.getName());

        // Assert
        assertThat(refused).singleElement().satisfies(r -> {
            assertThat(r.messageClass()).isEqualTo(Adapter.class.getName());
            assertThat(r.limitSetting()).isEqualTo(MessageRefused.MAX_BYTES);
            assertThat(r.limitBytes()).isEqualTo(1000);
            assertThat(r.bytes()).isEqualTo(-1);
        });
    }
}
