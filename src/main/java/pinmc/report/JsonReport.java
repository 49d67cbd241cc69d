package pinmc.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pinmc.check.Verdict;

/**
 * The report for programs: {@code {"results": [...], "summary": {...}}}, one result object per
 * target in the schema of {@link ResultJson}, and counts by verdict.
 */
public final class JsonReport {
  private JsonReport() {}

  public static String render(List<ReportEntry> entries) {
    List<Object> results = new ArrayList<>();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("total", entries.size());
    summary.put("asExpected", entries.stream().filter(ReportEntry::asExpected).count());
    for (Verdict v : Verdict.values()) {
      summary.put(v.word(), entries.stream().filter(e -> e.result().verdict() == v).count());
    }
    for (ReportEntry e : entries) {
      results.add(ResultJson.toJson(e));
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("results", results);
    report.put("summary", summary);
    return Json.write(report) + "\n";
  }
}
