/**
 * Linux system calls the JDK has no API for, called through the Foreign Function and Memory API
 * (no JNI, no native library of our own). The only other native calls of the driver are bpf(2)'s,
 * for the cgroup v2 devices ACL ({@code io.jvirt.qemu.cgroup.BpfSyscalls}, next to its only user).
 *
 * <p><b>Layer:</b> driver, lowest level. <b>Allowed dependencies:</b> the JDK only. Callers turn
 * failures ({@link io.jvirt.qemu.sys.Affinity.AffinityException}, carrying errno) into the
 * driver's errors. Running without {@code --enable-native-access=io.jvirt.qemu} works but makes the
 * JDK print a warning the first time a restricted method is used.
 */
package io.jvirt.qemu.sys;
