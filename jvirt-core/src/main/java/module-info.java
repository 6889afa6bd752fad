/** jvirt's public API, domain model and XML codec. Depends on nothing but the JDK. */
module io.jvirt.core {
    requires java.xml;

    exports io.jvirt;
    exports io.jvirt.error;
    exports io.jvirt.spi;
    exports io.jvirt.uri;
    exports io.jvirt.conf;
    exports io.jvirt.conf.device;
    exports io.jvirt.conf.xml;
    exports io.jvirt.conf.post;

    uses io.jvirt.spi.DriverFactory;
}
