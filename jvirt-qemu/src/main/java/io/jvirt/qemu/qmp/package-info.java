/**
 * QMP, the QEMU Machine Protocol: a client for one QEMU process's monitor socket.
 *
 * <p><b>Layer:</b> driver, lowest level of {@code jvirt-qemu}. <b>Allowed dependencies:</b> the JDK,
 * {@code io.jvirt.error} from {@code jvirt-core}, and Jackson databind (QMP is JSON). This package
 * knows nothing about domains, the domain model, capabilities or processes: the driver owns those
 * and talks to QEMU through the three layers here.
 *
 * <ol>
 *   <li>{@link io.jvirt.qemu.qmp.QmpTransport}: the UNIX socket, the greeting, {@code qmp_capabilities}
 *       and line framing.</li>
 *   <li>{@link io.jvirt.qemu.qmp.QmpConnection}: command ids, replies matched to callers, per-command
 *       timeouts, one reader and one writer virtual thread, events handed to the owner's sink.</li>
 *   <li>{@link io.jvirt.qemu.qmp.QmpClient}: typed methods named after the QMP commands in camelCase,
 *       returning records.</li>
 * </ol>
 *
 * <p>Errors: a QMP error reply is a {@link io.jvirt.qemu.qmp.QmpException} (class, desc and command
 * kept); a monitor that went away is a {@link io.jvirt.qemu.qmp.MonitorClosedException}; a command
 * without a reply in time is an {@link io.jvirt.error.OperationTimeoutException}. The driver maps them
 * to what the API reports in one place. Threading rules: {@code docs/internals/qmp.md}.
 */
package io.jvirt.qemu.qmp;
