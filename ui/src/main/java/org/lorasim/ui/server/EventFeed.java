package org.lorasim.ui.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.stream.BoundedSourceQueue;

/**
 * Every protocol message a run produced, in order, and the pages listening: a page that connects gets the
 * whole history first, then each new message as it is published, so a late page draws the same picture.
 */
public final class EventFeed {

    private final List<String> history = new ArrayList<>();
    private final List<BoundedSourceQueue<String>> pages = new CopyOnWriteArrayList<>();
    private boolean completed;

    public synchronized void publish(String message) {
        history.add(message);
        pages.forEach(page -> page.offer(message));
    }

    /** The next run begins: its messages replace the history (pages listening stay and get them). */
    public synchronized void restart() {
        history.clear();
    }

    public synchronized void subscribe(BoundedSourceQueue<String> page) {
        history.forEach(page::offer);
        if (completed) {
            page.complete();
        } else {
            pages.add(page);
        }
    }

    public void unsubscribe(BoundedSourceQueue<String> page) {
        pages.remove(page);
    }

    /**
     * Ends every page's stream once it has sent what it holds; later pages get the history and the end. A page
     * whose stream already ended (its socket closed before it was unsubscribed) is passed over: its queue refuses a
     * second completion.
     */
    public synchronized void complete() {
        completed = true;
        for (BoundedSourceQueue<String> page : pages) {
            try {
                page.complete();
            } catch (IllegalStateException alreadyEnded) {
                pages.remove(page);
            }
        }
    }

    public synchronized List<String> history() {
        return List.copyOf(history);
    }
}
