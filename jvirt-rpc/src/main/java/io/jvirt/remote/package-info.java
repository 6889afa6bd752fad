/**
 * The remote driver: {@link io.jvirt.spi.ConnectDriver} over libvirt's wire protocol, so that
 * {@code Connect.open("qemu:///system")}, {@code qemu+unix}, {@code qemu+tcp}, {@code qemu+tls}
 * and {@code qemu+ssh} URIs reach jvirtd or a real libvirtd with the same API as embedded mode.
 */
package io.jvirt.remote;
