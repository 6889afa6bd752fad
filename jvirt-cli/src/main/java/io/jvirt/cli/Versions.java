package io.jvirt.cli;

import picocli.CommandLine;

/** --version for the CLIs. */
public final class Versions implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return new String[] {"jvirt " + (v == null ? "(development build)" : v)};
    }
}
