package dev.datamigration.deploy.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The instructions of a Dockerfile (continuation lines joined, comments dropped), for checks without Docker. */
record DockerfileInstructions(List<Instruction> all, List<String> comments) {

    record Instruction(String keyword, String arguments) {
    }

    static DockerfileInstructions parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                comments.add(trimmed.substring(1).strip());
                continue;
            }
            if (trimmed.isEmpty() && pending.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String joined = pending.toString().strip();
            pending.setLength(0);
            if (!joined.isEmpty()) {
                int space = joined.indexOf(' ');
                instructions.add(new Instruction(joined.substring(0, space).toUpperCase(Locale.ROOT),
                        joined.substring(space + 1).strip().replaceAll("\\s+", " ")));
            }
        }
        if (!pending.isEmpty()) {
            throw new IllegalArgumentException("Dockerfile ends inside a continued line: " + pending);
        }
        return new DockerfileInstructions(instructions, comments);
    }

    List<Instruction> named(String keyword) {
        return all.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The instructions of the stage that starts at the index-th FROM (0-based). */
    DockerfileInstructions stage(int index) {
        int seen = -1;
        List<Instruction> stage = new ArrayList<>();
        for (Instruction instruction : all) {
            if (instruction.keyword().equals("FROM")) {
                seen++;
            }
            if (seen == index) {
                stage.add(instruction);
            }
        }
        return new DockerfileInstructions(stage, List.of());
    }

    /** The single instruction of that keyword; fails when there is none or several. */
    String only(String keyword) {
        List<Instruction> found = named(keyword);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + keyword + " but found " + found);
        }
        return found.get(0).arguments();
    }
}
