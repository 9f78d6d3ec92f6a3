package dev.geminilive.camel.options;

/** Whether the producer waits for the model's answer. */
public enum ReplyMode {
    /**
     * Input that completes a user turn (text, the end of an audio body, activityEnd...) waits for the model's answer and
     * the exchange carries it, whatever its pattern: InOnly routes (timer, JMS without reply-to, file) get the answer too.
     */
    ANSWER,
    /**
     * The exchange completes once its input is written; answers reach the endpoint's consumers only. For routes that
     * only stream input.
     */
    NONE
}
