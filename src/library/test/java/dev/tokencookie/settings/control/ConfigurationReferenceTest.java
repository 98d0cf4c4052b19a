package dev.tokencookie.settings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference in docs/configuration.md is what operators read instead of the code, so this test fails
 * as soon as its table and the {@link Setting} enum disagree on a name, a default or an environment variable.
 */
class ConfigurationReferenceTest {

    /** The header that starts the reference table; the rows follow its separator line. */
    private static final String HEADER = "| name | environment variable | default | meaning |";
    /** A cell of the first three columns: one code span. */
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    /** How the table writes an empty default. */
    private static final String EMPTY = "(empty)";

    private static Map<String, Row> rows;

    record Row(String name, String environmentVariable, String defaultValue, String meaning, int line) {
    }

    @BeforeAll
    static void readTable() throws IOException {
        Path root = Path.of(System.getProperty("root.dir", "../.."));
        Path reference = root.resolve("docs").resolve("configuration.md");
        assertTrue(Files.isRegularFile(reference), "no configuration reference at " + reference.toAbsolutePath());
        rows = parse(Files.readAllLines(reference, StandardCharsets.UTF_8));
    }

    private static Map<String, Row> parse(List<String> lines) {
        int header = lines.indexOf(HEADER);
        assertTrue(header >= 0, "docs/configuration.md has no table headed " + HEADER);
        assertTrue(header + 1 < lines.size() && lines.get(header + 1).matches("\\|(\\s*:?-+:?\\s*\\|){4}"),
                "the reference table's header is not followed by a separator line");
        Map<String, Row> parsed = new LinkedHashMap<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            int line = i + 1;
            String text = lines.get(i).strip();
            assertTrue(text.endsWith("|"), "line " + line + " of docs/configuration.md does not end its row with |");
            String[] cells = text.substring(1, text.length() - 1).split("\\|", -1);
            assertEquals(4, cells.length, "line " + line + " of docs/configuration.md has " + cells.length
                    + " cells instead of name, environment variable, default and meaning: " + text);
            String name = code(cells[0], "name", line);
            Row row = new Row(name, code(cells[1], "environment variable of " + name, line),
                    defaultValue(cells[2], name, line), cells[3].strip(), line);
            if (parsed.putIfAbsent(name, row) != null) {
                fail("docs/configuration.md lists " + name + " twice (line " + line + ")");
            }
        }
        return parsed;
    }

    private static String code(String cell, String what, int line) {
        Matcher matcher = CODE.matcher(cell.strip());
        if (!matcher.matches()) {
            fail("line " + line + " of docs/configuration.md: the " + what + " must be one code span, not '"
                    + cell.strip() + "'");
        }
        return matcher.group(1);
    }

    private static String defaultValue(String cell, String name, int line) {
        return EMPTY.equals(cell.strip()) ? "" : code(cell, "default of " + name, line);
    }

    @Test
    void everySettingHasARow() {
        List<String> missing = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            if (!rows.containsKey(setting.key())) {
                missing.add(setting.key());
            }
        }
        assertTrue(missing.isEmpty(), "docs/configuration.md has no row for the settings " + missing);
    }

    @Test
    void everyRowIsASetting() {
        List<String> known = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            known.add(setting.key());
        }
        for (Row row : rows.values()) {
            assertTrue(known.contains(row.name()), "line " + row.line() + " of docs/configuration.md names "
                    + row.name() + ", which is not a setting of the Setting enum");
        }
    }

    @Test
    void defaultsAreTheEnumsDefaults() {
        for (Setting setting : Setting.values()) {
            Row row = rows.get(setting.key());
            if (row != null) {
                assertEquals(setting.defaultValue(), row.defaultValue(),
                        "docs/configuration.md gives the setting " + setting.key() + " the wrong default");
            }
        }
    }

    @Test
    void environmentVariablesAreTheEnumsNames() {
        for (Setting setting : Setting.values()) {
            Row row = rows.get(setting.key());
            if (row != null) {
                assertEquals(setting.environmentVariable(), row.environmentVariable(),
                        "docs/configuration.md gives the setting " + setting.key() + " the wrong environment variable");
            }
        }
    }

    @Test
    void everySettingIsExplained() {
        for (Setting setting : Setting.values()) {
            Row row = rows.get(setting.key());
            if (row != null) {
                assertFalse(row.meaning().isEmpty(),
                        "docs/configuration.md says nothing of what the setting " + setting.key() + " means");
            }
        }
    }

    @Test
    void secretsAreDocumentedAsEnvironmentOnly() {
        for (Setting setting : Setting.values()) {
            if (setting.environmentOnly()) {
                Row row = rows.get(setting.key());
                assertNotNull(row, "docs/configuration.md has no row for the setting " + setting.key());
                assertTrue(row.meaning().toLowerCase(Locale.ROOT).contains("environment variable only"),
                        "docs/configuration.md must say that the setting " + setting.key()
                                + " is read from the environment variable only");
            }
        }
    }
}
