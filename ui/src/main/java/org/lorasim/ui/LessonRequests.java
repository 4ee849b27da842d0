package org.lorasim.ui;

import java.util.Optional;

/**
 * The lesson a page asked to start next: the latest request wins (a second click replaces the first before it
 * starts). The command that runs the dashboard takes it when the current run has ended.
 */
public final class LessonRequests {

    private String pending;

    public synchronized void request(String lesson) {
        pending = lesson;
        notifyAll();
    }

    /** The requested lesson, taken; empty at once when none is pending. */
    public synchronized Optional<String> poll() {
        String lesson = pending;
        pending = null;
        return Optional.ofNullable(lesson);
    }

    /** Waits until a lesson is requested and takes it. */
    public synchronized String take() throws InterruptedException {
        while (pending == null) {
            wait();
        }
        return poll().orElseThrow();
    }
}
