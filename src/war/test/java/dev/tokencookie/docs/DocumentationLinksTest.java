package dev.tokencookie.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/ point into each other by file and by section, and sections move as the docs grow: this test
 * fails on a relative link whose file or heading is gone, so that a reader never lands on nothing.
 */
class DocumentationLinksTest {

    private static final Path ROOT = Path.of(System.getProperty("root.dir", "../.."));
    /** An inline Markdown link's target, up to its closing parenthesis; targets here hold no spaces or parentheses. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)(\\s+#+)?\\s*$");
    /** A fence opens or closes a code block, where neither links nor headings count. */
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
    private static final Pattern LINK_TEXT = Pattern.compile("\\[([^]]*)]\\([^)]*\\)");

    private final Map<Path, Set<String>> anchorsByPage = new HashMap<>();

    @Test
    void everyRelativeLinkReachesAFileAndItsHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            for (String line : prose(Files.readAllLines(page, StandardCharsets.UTF_8))) {
                Matcher link = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(""));
                while (link.find()) {
                    check(page, link.group(1)).ifPresent(broken::add);
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void anchorsAreWrittenAsGitHubWritesThem() {
        List<String> page = List.of("## The audit line's place, measured by paired rounds (runs Z15 to Z17)",
                "### `GET /api/me`", "```", "# not a heading inside a code block", "```", "## `GET /api/me`",
                "  ~~~sh", "# nor inside an indented one", "  ~~~", "## See [the API](http-api.md) ##", "## Sizing");
        assertEquals(Set.of("the-audit-lines-place-measured-by-paired-rounds-runs-z15-to-z17", "get-apime",
                "get-apime-1", "see-the-api", "sizing"), anchors(page));
    }

    /** What is wrong with a link from the page, if anything. */
    private Optional<String> check(Path page, String target) throws IOException {
        if (target.matches("[a-z]+:.*")) {
            return Optional.empty(); // https:, mailto:: not this test's to check without a network
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(linked)) {
            return Optional.of(ROOT.relativize(page) + ": no file " + target);
        }
        if (hash < 0 || !linked.toString().endsWith(".md")) {
            return Optional.empty();
        }
        if (!anchorsByPage.containsKey(linked)) {
            anchorsByPage.put(linked, anchors(Files.readAllLines(linked, StandardCharsets.UTF_8)));
        }
        return anchorsByPage.get(linked).contains(target.substring(hash + 1)) ? Optional.empty()
                : Optional.of(ROOT.relativize(page) + ": no heading for " + target);
    }

    private static List<Path> pages() throws IOException {
        Path readme = ROOT.resolve("README.md");
        assertTrue(Files.isRegularFile(readme), "no README.md under " + ROOT.toAbsolutePath());
        List<Path> pages = new ArrayList<>(List.of(readme));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** A page's lines outside its code blocks. */
    private static List<String> prose(List<String> lines) {
        List<String> prose = new ArrayList<>();
        boolean code = false;
        for (String line : lines) {
            if (FENCE.matcher(line).matches()) {
                code = !code;
            } else if (!code) {
                prose.add(line);
            }
        }
        return prose;
    }

    /**
     * A page's section anchors as GitHub makes them: the heading's text in lower case, without punctuation but hyphens
     * and underscores, spaces as hyphens, and a number after a repeated one.
     */
    static Set<String> anchors(List<String> lines) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(lines)) {
            Matcher heading = HEADING.matcher(line);
            if (!heading.matches()) {
                continue;
            }
            String anchor = LINK_TEXT.matcher(heading.group(1)).replaceAll("$1").strip().toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{M}\\p{N}_\\- ]", "").replace(' ', '-');
            int times = seen.merge(anchor, 1, Integer::sum);
            anchors.add(times == 1 ? anchor : anchor + "-" + (times - 1));
        }
        return anchors;
    }
}
