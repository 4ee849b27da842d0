package org.lorasim.policies.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class MatrixPoolTest {

    @Test
    void mapsEveryNameInNameOrder() {
        // Execute
        SortedMap<String, Integer> lengths = new MatrixPool(3).map(List.of("ccc", "a", "bb", "dddd"), String::length);

        // Assert
        assertThat(lengths).containsExactly(java.util.Map.entry("a", 1), java.util.Map.entry("bb", 2),
                java.util.Map.entry("ccc", 3), java.util.Map.entry("dddd", 4));
    }

    @Test
    void twoThreadsWorkOnTwoMatricesAtOnce() {
        // Prepare: each of the first two matrices waits at a barrier that opens only when two workers
        // are inside work() at the same time (a sequential pool would never open it)
        CyclicBarrier both = new CyclicBarrier(2);
        Set<String> threads = ConcurrentHashMap.newKeySet();

        // Execute
        new MatrixPool(2).forEach(List.of("m0", "m1"), name -> {
            threads.add(Thread.currentThread().getName());
            try {
                return both.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("the other worker never arrived", e);
            }
        }, (name, arrival) -> { });

        // Assert
        assertThat(threads).hasSize(2);
    }

    @Test
    void oneThreadRunsInTheCaller() {
        // Prepare
        Set<String> threads = ConcurrentHashMap.newKeySet();

        // Execute
        new MatrixPool(1).map(List.of("a", "b", "c"), name -> threads.add(Thread.currentThread().getName()));

        // Assert
        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void aFailureIsRethrownWithItsTypeAndMessage() {
        // Execute / Assert
        assertThatThrownBy(() -> new MatrixPool(2).map(List.of("a", "b", "c", "d"), name -> {
            if (name.equals("c")) {
                throw new IllegalArgumentException("matrix 'c': rank 9 exceeds 4");
            }
            return name;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("matrix 'c': rank 9 exceeds 4");
        assertThatThrownBy(() -> new MatrixPool(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregation threads");
    }
}
