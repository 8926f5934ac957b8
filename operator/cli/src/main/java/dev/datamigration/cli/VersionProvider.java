package dev.datamigration.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (the Maven project version). */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"datamigration " + (version == null ? "development build" : version)};
    }
}
