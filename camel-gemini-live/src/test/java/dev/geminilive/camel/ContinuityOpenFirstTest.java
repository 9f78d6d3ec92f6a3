package dev.geminilive.camel;

import dev.geminilive.emulator.GeminiLiveEmulator;

/**
 * The same guarantees when the server accepts a resume while the old connection is still open: the conversation opens
 * its new connection first and closes the old one after.
 */
class ContinuityOpenFirstTest extends ContinuityTest {

    @Override
    protected GeminiLiveEmulator.Builder emulatorBuilder() {
        return GeminiLiveEmulator.builder().rejectResumeWhileConnected(false);
    }
}
