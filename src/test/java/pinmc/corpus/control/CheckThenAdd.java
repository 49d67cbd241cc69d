package pinmc.corpus.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Two threads each claim the one free slot of a shared JDK list by checking its size, then
 * adding: both can see it free. Variants: {@code list} (the race), {@code locked} (the check
 * and the add under one monitor: passes), {@code map} (the same race on a HashMap through
 * containsKey and put), {@code plain} (unconditional adds, correct on their own, but a data
 * race on the list under --races), {@code synchronized} (the same adds through
 * Collections.synchronizedList: no race), {@code view} (one thread adds, the other reads the
 * size through an unmodifiable view: reading first is the violation), {@code copy} (the same,
 * reading through a copy constructor; {@code concat}, through string concatenation), {@code jdkMade} (the check-then-add race on a list
 * the JDK allocated).
 */
public class CheckThenAdd {
  static final List<String> SLOTS = new ArrayList<>();
  static final Map<String, String> OWNERS = new HashMap<>();
  /** A read-only view of SLOTS: reading through it must conflict with an add to SLOTS. */
  static final List<String> VIEW = Collections.unmodifiableList(SLOTS);
  static final List<String> SYNCHRONIZED = Collections.synchronizedList(SLOTS);
  static int seen = -1;
  /** A list the JDK allocated, not the model: it has no allocation site in the model, yet is shared. */
  static final List<String> MADE = Stream.of("reserved").collect(Collectors.toList());

  static void claim(String variant, String me) {
    switch (variant) {
      case "list" -> {
        if (SLOTS.size() < 1) {
          SLOTS.add(me);
        }
      }
      case "locked" -> {
        synchronized (SLOTS) {
          if (SLOTS.size() < 1) {
            SLOTS.add(me);
          }
        }
      }
      case "map" -> {
        if (!OWNERS.containsKey("slot")) {
          OWNERS.put("slot", me);
          SLOTS.add(me);
        }
      }
      case "view" -> {
        if (me.equals("a")) {
          SLOTS.add(me);
        } else {
          seen = VIEW.size();
        }
      }
      case "copy" -> {
        if (me.equals("a")) {
          SLOTS.add(me);
        } else {
          seen = new ArrayList<>(SLOTS).size();
        }
      }
      case "concat" -> {
        if (me.equals("a")) {
          SLOTS.add(me);
        } else {
          String text = "slots " + SLOTS;
          seen = text.endsWith("[]") ? 0 : 1;
        }
      }
      case "jdkMade" -> {
        if (MADE.size() < 2) {
          MADE.add(me);
          SLOTS.add(me);
        }
      }
      case "synchronized" -> SYNCHRONIZED.add(me);
      default -> SLOTS.add(me);
    }
  }

  public static void main(String[] args) throws InterruptedException {
    String variant = args.length > 0 ? args[0] : "list";
    Thread a = new Thread(() -> claim(variant, "a"));
    Thread b = new Thread(() -> claim(variant, "b"));
    a.start();
    b.start();
    a.join();
    b.join();
    int expected = variant.equals("plain") || variant.equals("synchronized") ? 2 : 1;
    assert SLOTS.size() == expected : "slots " + SLOTS;
    assert seen != 0 : "the view was read before the add";
  }
}
