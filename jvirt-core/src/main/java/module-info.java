/** jvirt's public API, domain model and XML codec. Depends on nothing but the JDK. */
module io.jvirt.core {
    requires java.xml;

    exports io.jvirt.error;
}
