package dev.tokencookie.refreshtoken.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReuseAlarmTest {

    private static final RefreshTokenReuse THEFT = new RefreshTokenReuse("bob", "session-1", "192.0.2.7");

    @Test
    void firesTheEvent() {
        RecordingEvent<RefreshTokenReuse> event = new RecordingEvent<>();
        ReuseAlarm alarm = new ReuseAlarm();
        alarm.event = event;

        alarm.raise(THEFT);

        assertEquals(List.of(THEFT), event.fired);
    }

    @Test
    void aFailingObserverDoesNotFailTheRefreshAnswer() {
        RecordingEvent<RefreshTokenReuse> event = new RecordingEvent<>() {
            @Override
            public void fire(RefreshTokenReuse reuse) {
                throw new IllegalStateException("the mail server is down");
            }
        };
        ReuseAlarm alarm = new ReuseAlarm();
        alarm.event = event;

        alarm.raise(THEFT);
        assertThrows(IllegalStateException.class, () -> event.fire(THEFT), "the observer does fail");
    }
}
