package dev.chatbot.connectors.admin;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YamlEditTest {

    private static final int MAX = 1 << 20;

    private static final String INTENT = """
            version: 1
            intent: order_status
            # what the customer wants
            description: Where an order is   # shown to admins
            handler: order_status
            examples:
              - where is my order
              # ids are upper case
              - where's my order [K7P2QX](order_id)
              - '#[7HX2KA](order_id) where is it'
              - has my order shipped yet
            """;

    private static final String FAQ = """
            version: 1
            topic: shipping
            entries:
              - id: shipping-times
                question: How long does shipping take?
                alternatives:
                  - delivery time
                  - how long is standard delivery
                answer: Standard shipping takes 3-5 business days.
                tags: [shipping, delivery]

              # costs change every spring
              - id: shipping-costs
                question: How much does shipping cost?
                answer: Free from 50.
                tags: [shipping, costs]

              - id: shipping-countries
                question: Which countries do you ship to?
                answer: EU, UK and US.
            """;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String text) {
        YamlSource s = YamlSource.parse(text, MAX);
        return (Map<String, Object>) s.value(s.root);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> m, String key) {
        return (List<Object>) m.get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(Map<String, Object> faq, int i) {
        return (Map<String, Object>) list(faq, "entries").get(i);
    }

    @Test
    void adding_an_example_appends_one_line_and_keeps_every_comment() {
        Map<String, Object> want = read(INTENT);
        list(want, "examples").add("is my parcel on its way");
        String out = YamlEdit.apply(INTENT, want, MAX);
        assertThat(out).isEqualTo(INTENT + "  - is my parcel on its way\n");
    }

    @Test
    void removing_an_example_takes_the_comment_line_right_above_it_and_nothing_else() {
        Map<String, Object> want = read(INTENT);
        list(want, "examples").remove(1);
        String out = YamlEdit.apply(INTENT, want, MAX);
        assertThat(out).isEqualTo(INTENT.replace("  # ids are upper case\n  - where's my order [K7P2QX](order_id)\n", ""));
    }

    @Test
    void editing_an_example_rewrites_only_that_item_and_keeps_quoting_of_the_others() {
        Map<String, Object> want = read(INTENT);
        list(want, "examples").set(3, "has my order shipped: yes or no");
        String out = YamlEdit.apply(INTENT, want, MAX);
        assertThat(out).isEqualTo(INTENT.replace("  - has my order shipped yet", "  - 'has my order shipped: yes or no'"));
    }

    @Test
    void a_changed_scalar_keeps_its_trailing_comment_and_a_new_key_follows_its_predecessor() {
        Map<String, Object> want = new LinkedHashMap<>();
        Map<String, Object> old = read(INTENT);
        want.put("version", 1);
        want.put("intent", "order_status");
        want.put("description", "Where a parcel is");
        want.put("handler", "order_status");
        want.put("escalate", true);
        want.put("examples", old.get("examples"));
        String out = YamlEdit.apply(INTENT, want, MAX);
        assertThat(out).isEqualTo(INTENT
                .replace("description: Where an order is   # shown to admins", "description: Where a parcel is   # shown to admins")
                .replace("handler: order_status\n", "handler: order_status\nescalate: true\n"));
    }

    @Test
    void removing_a_key_removes_its_lines_and_the_comment_above() {
        Map<String, Object> want = read(INTENT);
        want.remove("description");
        String out = YamlEdit.apply(INTENT, want, MAX);
        assertThat(out).isEqualTo(INTENT.replace("# what the customer wants\ndescription: Where an order is   # shown to admins\n", ""));
    }

    @Test
    void editing_one_faq_entry_touches_only_its_changed_keys() {
        Map<String, Object> want = read(FAQ);
        entry(want, 1).put("answer", "Free from 60, otherwise 4.95.");
        list(entry(want, 1), "tags").add("prices");
        String out = YamlEdit.apply(FAQ, want, MAX);
        assertThat(out).isEqualTo(FAQ.replace("answer: Free from 50.", "answer: Free from 60, otherwise 4.95.")
                .replace("tags: [shipping, costs]", "tags: [shipping, costs, prices]"));
    }

    @Test
    void a_new_faq_entry_is_written_in_the_files_style_with_a_blank_line_before_it() {
        Map<String, Object> want = read(FAQ);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", "gift-wrap");
        e.put("question", "Do you gift wrap?");
        e.put("alternatives", new ArrayList<>(List.of("can you wrap my present", "gift wrapping")));
        e.put("answer", "Yes: wrapping costs 3.50 per parcel.");
        e.put("tags", new ArrayList<>(List.of("gifts")));
        list(want, "entries").add(e);
        String out = YamlEdit.apply(FAQ, want, MAX);
        assertThat(out).isEqualTo(FAQ + """

                  - id: gift-wrap
                    question: Do you gift wrap?
                    alternatives:
                      - can you wrap my present
                      - gift wrapping
                    answer: 'Yes: wrapping costs 3.50 per parcel.'
                    tags: [gifts]
                """);
    }

    @Test
    void deleting_the_middle_faq_entry_leaves_one_blank_line_between_its_neighbours() {
        Map<String, Object> want = read(FAQ);
        list(want, "entries").remove(1);
        String out = YamlEdit.apply(FAQ, want, MAX);
        assertThat(out).isEqualTo(FAQ.replace("""

                  # costs change every spring
                  - id: shipping-costs
                    question: How much does shipping cost?
                    answer: Free from 50.
                    tags: [shipping, costs]
                """, ""));
    }

    @Test
    void removing_the_first_key_of_a_list_item_moves_the_next_key_onto_the_dash_line() {
        String text = """
                version: 1
                entity: payment_method
                values:
                  - value: paypal
                    synonyms: [pay pal]
                  - value: klarna
                    synonyms: [pay later]
                """;
        Map<String, Object> want = read(text);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) list(want, "values").get(0);
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("synonyms", first.get("synonyms"));
        list(want, "values").set(0, reordered);
        // the kept key moves up onto the dash line
        String out = YamlEdit.apply(text, want, MAX);
        assertThat(read(out)).isEqualTo(want);
        assertThat(out).contains("  - synonyms: [pay pal]\n  - value: klarna\n");
    }

    @Test
    void awkward_texts_are_quoted_so_they_read_back_exactly() {
        List<String> texts = List.of("yes", "no", "12:30", "1e3", "null", "~", "- dash first", "a: b", "x #y",
                "[Royal Mail](carrier) says delivered", "it's", "line one\nline two", "tab\there", "\u00e9t\u00e9 \ud83d\ude00",
                "\"quoted\"", "back\\slash", "ends with colon:", " padded ", "{braces}", "%percent", "@at", "`tick");
        Map<String, Object> want = read(INTENT);
        list(want, "examples").addAll(texts);
        String out = YamlEdit.apply(INTENT, want, MAX);
        assertThat(list(read(out), "examples")).containsSequence(texts);
        assertThat(out).startsWith(INTENT);
    }

    @Test
    void a_file_with_windows_line_ends_keeps_them() {
        String text = INTENT.replace("\n", "\r\n");
        Map<String, Object> want = read(text);
        list(want, "examples").add(0, "order status please");
        String out = YamlEdit.apply(text, want, MAX);
        assertThat(out).isEqualTo(text.replace("examples:\r\n", "examples:\r\n  - order status please\r\n"));
        assertThat(out.replace("\r\n", "")).doesNotContain("\n");
    }

    @Test
    void an_emptied_list_becomes_an_empty_flow_list_and_a_filled_one_a_block_list() {
        Map<String, Object> want = read(INTENT);
        want.put("replies", new ArrayList<>(List.of("Let me check.")));
        String out = YamlEdit.apply(INTENT, want, MAX);
        assertThat(out).isEqualTo(INTENT + "replies:\n  - Let me check.\n");
        Map<String, Object> emptied = read(out);
        emptied.put("replies", new ArrayList<>());
        assertThat(YamlEdit.apply(out, emptied, MAX)).isEqualTo(INTENT + "replies: []\n");
    }

    @Test
    void anchors_and_aliases_are_not_edited_in_place() {
        String text = "version: 1\nlabel: negative\nexamples: &x\n  - a\nmore: *x\n";
        assertThatThrownBy(() -> YamlEdit.apply(text, read("version: 1\nlabel: negative\nexamples: [b]\n"), MAX))
                .isInstanceOf(YamlEditException.class);
    }

    @Test
    void a_yaml_bomb_is_refused_before_anything_is_built() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'k'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            bomb.append("]\n");
            prev = c;
        }
        assertThatThrownBy(() -> YamlSource.parse(bomb.toString(), MAX)).isInstanceOf(YamlEditException.class)
                .hasMessageContaining("aliases");
    }

    @Test
    void a_new_file_is_written_in_the_house_style() {
        Map<String, Object> want = new LinkedHashMap<>();
        want.put("version", 1);
        want.put("intent", "gift_wrap");
        want.put("examples", List.of("can you wrap it", "yes"));
        want.put("escalate", false);
        assertThat(YamlEdit.render(want)).isEqualTo("""
                version: 1
                intent: gift_wrap
                examples:
                  - can you wrap it
                  - 'yes'
                escalate: false
                """);
    }

    @Test
    void the_line_of_a_problem_points_at_the_field() {
        YamlSource s = YamlSource.parse(FAQ, MAX);
        assertThat(s.pathAt(15)).isEqualTo("entries[1].answer");
        assertThat(s.pathAt(7)).isEqualTo("entries[0].alternatives[0]");
        assertThat(s.pathAt(2)).isEqualTo("topic");
    }

    @Test
    @SuppressWarnings("unchecked")
    void random_list_edits_on_every_file_of_the_default_bot_change_only_the_edited_lines() throws IOException {
        Path data = Path.of("..", "training-data");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(p -> p.toString().endsWith(".yml") && !p.toString().contains("conversations"))
                    .sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(40);
        Random random = new Random(7);
        int edits = 0;
        for (Path f : files) {
            String text = Files.readString(f);
            for (int round = 0; round < 5; round++) {
                Map<String, Object> want = read(text);
                String key = want.containsKey("entries") ? "entries" : want.containsKey("examples") ? "examples"
                        : want.containsKey("queries") ? "queries" : want.containsKey("values") ? "values" : "patterns";
                if (!(want.get(key) instanceof List<?>)) {
                    continue;
                }
                List<Object> items = list(want, key);
                int op = random.nextInt(3);
                int at = random.nextInt(items.size());
                Object removed = null;
                if (op == 0 && items.size() > 1) {
                    removed = items.remove(at);
                } else if (op == 1 || !(items.get(at) instanceof Map<?, ?>)) {
                    items.add(random.nextInt(items.size() + 1), items.get(at) instanceof Map<?, ?> m
                            ? new LinkedHashMap<>((Map<String, Object>) m) : "new text " + round + ": #" + at);
                } else {
                    ((Map<String, Object>) items.get(at)).put(key.equals("entries") ? "answer" : "synonyms",
                            key.equals("entries") ? "A changed answer, round " + round : List.of("x" + round));
                }
                String out = YamlEdit.apply(text, want, MAX);
                assertThat(read(out)).as("%s round %d", f, round).isEqualTo(want);
                // every line of the old text is still there, apart from those of a removed item
                List<String> gone = new ArrayList<>(text.lines().toList());
                out.lines().forEach(gone::remove);
                if (removed == null) {
                    assertThat(gone.stream().filter(l -> !l.isBlank()).count()).as("%s round %d lost %s", f, round, gone)
                            .isLessThanOrEqualTo(1);
                }
                text = out;
                edits++;
            }
        }
        assertThat(edits).isGreaterThan(200);
    }
}
