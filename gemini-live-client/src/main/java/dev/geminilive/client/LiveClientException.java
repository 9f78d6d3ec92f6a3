package dev.geminilive.client;

/** A Live session could not be opened or used. Carries the close code and reason when the server closed it. */
public class LiveClientException extends RuntimeException {

    private final transient CloseInfo close;

    public LiveClientException(String message, CloseInfo close, Throwable cause) {
        super(message, cause);
        this.close = close;
    }

    public LiveClientException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /** @return how the connection ended, or {@code null} if it did not end or never opened */
    public CloseInfo close() {
        return close;
    }
}
