package io.jvirt;

/** A registered event listener; closing it stops delivery. Closing twice is harmless. */
public interface EventRegistration extends AutoCloseable {
    @Override
    void close();
}
