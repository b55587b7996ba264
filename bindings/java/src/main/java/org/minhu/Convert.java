package org.minhu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.minhu.internal.ApiAttribute;
import org.minhu.internal.AttributeVector;
import org.minhu.internal.ApiCaseEvent;
import org.minhu.internal.ApiCaseInfo;
import org.minhu.internal.ApiDecision;
import org.minhu.internal.ApiMetrics;
import org.minhu.internal.ApiMetricsFilter;
import org.minhu.internal.CaseEventVector;
import org.minhu.internal.CaseInfoVector;
import org.minhu.internal.ApiPetition;
import org.minhu.internal.ApiRulesetInfo;
import org.minhu.internal.ApiSpan;
import org.minhu.internal.SpanVector;
import org.minhu.internal.StringVector;
import org.minhu.internal.ApiUnitRef;
import org.minhu.internal.UnitRefVector;
import org.minhu.internal.Utf8;

/**
 * Copies between the public value classes and the SWIG proxies of minhu::api. Field for field,
 * no logic — except the UTF-16 span indices, which only a Java caller needs.
 */
final class Convert {
  private Convert() {}

  /** A new native petition; the caller deletes it. */
  static ApiPetition toNative(Petition p) {
    if (p == null) throw new NullPointerException("petition");
    final ApiPetition n = new ApiPetition();
    n.setId(p.getId());
    n.setTitle(p.getTitle());
    n.setText(p.getText());
    n.setChannel(p.getChannel());
    n.setReceivedAt(p.getReceivedAt());
    n.setArea(p.getArea());
    n.setAddress(p.getAddress());
    n.setHasPoint(p.hasPoint());
    n.setLat(p.getLat());
    n.setLon(p.getLon());
    n.setCategory(p.getCategory());
    if (!p.getAttributes().isEmpty()) {
      final AttributeVector attrs = n.getAttributes();  // a view of n's member
      final ApiAttribute a = new ApiAttribute();
      try {
        for (Map.Entry<String, Object> e : p.getAttributes().entrySet()) {
          final Object v = e.getValue();
          a.setName(e.getKey());
          a.setText("");
          a.setNumber(0);
          if (v == null) {
            a.setKind("null");
          } else if (v instanceof Boolean) {
            a.setKind("bool");
            a.setNumber((Boolean) v ? 1 : 0);
          } else if (v instanceof Number) {
            a.setKind("number");
            a.setNumber(((Number) v).doubleValue());
          } else {
            a.setKind("string");
            a.setText(v.toString());
          }
          attrs.add(a);  // copies
        }
      } finally {
        a.delete();
      }
    }
    return n;
  }

  static Petition fromNative(ApiPetition n) {
    try {
      final Petition p = new Petition(n.getId())
          .title(n.getTitle())
          .text(n.getText())
          .channel(n.getChannel())
          .receivedAt(n.getReceivedAt())
          .area(n.getArea())
          .address(n.getAddress())
          .category(n.getCategory());
      if (n.getHasPoint()) p.point(n.getLat(), n.getLon());
      final AttributeVector attrs = n.getAttributes();
      for (int i = 0, size = attrs.size(); i < size; ++i) {
        final ApiAttribute a = attrs.get(i);
        final String kind = a.getKind();
        if (kind.equals("number")) {
          p.attribute(a.getName(), a.getNumber());
        } else if (kind.equals("bool")) {
          p.attribute(a.getName(), a.getNumber() != 0);
        } else if (kind.equals("null")) {
          p.attribute(a.getName(), (Object) null);
        } else {
          p.attribute(a.getName(), a.getText());
        }
      }
      return p;
    } finally {
      n.delete();
    }
  }

  static List<String> strings(StringVector v) {
    final int size = v.size();
    if (size == 0) return Collections.emptyList();
    final List<String> out = new ArrayList<String>(size);
    for (int i = 0; i < size; ++i) out.add(v.get(i));
    return Collections.unmodifiableList(out);
  }

  static StringVector toNative(List<String> v) {
    final StringVector out = new StringVector();
    for (String s : v) out.add(s == null ? "" : s);
    return out;
  }

  /** Reads a native decision (not deleted here) for petition {@code p}. */
  static Decision fromNative(ApiDecision d, Petition p) {
    final SpanVector sv = d.getSpans();
    final int ns = sv.size();
    final List<Span> spans = new ArrayList<Span>(ns);
    for (int i = 0; i < ns; ++i) {
      final ApiSpan s = sv.get(i);
      final String field = s.getField();
      final String source = field.equals("title") ? p.getTitle() : p.getText();
      final long begin = s.getBegin();
      final long end = s.getEnd();
      spans.add(new Span(field, begin, end, Utf8.charIndex(source, begin),
          Utf8.charIndex(source, end), s.getText(), s.getKeyword(), s.getRegex(), s.getRule()));
    }
    final UnitRefVector av = d.getAssisting();
    final int na = av.size();
    final List<UnitRef> assisting = new ArrayList<UnitRef>(na);
    for (int i = 0; i < na; ++i) {
      final ApiUnitRef u = av.get(i);
      assisting.add(new UnitRef(u.getId(), u.getName()));
    }
    return new Decision(d.getId(), d.getDecidedBy(), d.getCategory(), d.getCategoryName(),
        strings(d.getCategoryPath()), d.getUrgency(), d.getConfidence(), strings(d.getRules()),
        strings(d.getTags()), Collections.unmodifiableList(spans), strings(d.getFlags()),
        d.getArea(), d.getAreaName(), d.getLocationMethod(), strings(d.getAreaCandidates()),
        d.getLead(), d.getLeadName(), d.getTier(), Collections.unmodifiableList(assisting),
        strings(d.getExplanation()));
  }

  static RulesetInfo fromNative(ApiRulesetInfo i) {
    try {
      return new RulesetInfo(i.getId(), i.getVersion(), i.getName(), i.getCategories(),
          i.getRules(), i.getKeywords(), i.getUnits(), i.getAreas(), i.getGeneration());
    } finally {
      i.delete();
    }
  }

  /** A new native decision (for CaseTracker#open); the caller deletes it. */
  static ApiDecision toNative(Decision d) {
    if (d == null) throw new NullPointerException("decision");
    final ApiDecision n = new ApiDecision();
    n.setId(d.getId());
    n.setDecidedBy(d.getDecidedBy());
    n.setCategory(d.getCategory());
    n.setCategoryName(d.getCategoryName());
    addAll(n.getCategoryPath(), d.getCategoryPath());  // views of n's members
    n.setUrgency(d.getUrgency());
    n.setConfidence(d.getConfidence());
    addAll(n.getRules(), d.getRules());
    addAll(n.getTags(), d.getTags());
    if (!d.getSpans().isEmpty()) {
      final SpanVector spans = n.getSpans();
      final ApiSpan s = new ApiSpan();
      try {
        for (Span span : d.getSpans()) {
          s.setField(span.getField());
          s.setBegin(span.getBegin());
          s.setEnd(span.getEnd());
          s.setText(span.getText());
          s.setKeyword(span.getKeyword());
          s.setRegex(span.getRegex());
          s.setRule(span.getRule());
          spans.add(s);  // copies
        }
      } finally {
        s.delete();
      }
    }
    addAll(n.getFlags(), d.getFlags());
    n.setArea(d.getArea());
    n.setAreaName(d.getAreaName());
    n.setLocationMethod(d.getLocationMethod());
    addAll(n.getAreaCandidates(), d.getAreaCandidates());
    n.setLead(d.getLead());
    n.setLeadName(d.getLeadName());
    n.setTier(d.getTier());
    if (!d.getAssisting().isEmpty()) {
      final UnitRefVector assisting = n.getAssisting();
      final ApiUnitRef u = new ApiUnitRef();
      try {
        for (UnitRef ref : d.getAssisting()) {
          u.setId(ref.getId());
          u.setName(ref.getName());
          assisting.add(u);  // copies
        }
      } finally {
        u.delete();
      }
    }
    addAll(n.getExplanation(), d.getExplanation());
    return n;
  }

  private static void addAll(StringVector to, List<String> from) {
    for (String s : from) to.add(s == null ? "" : s);
  }

  /** Reads and deletes a native event list. */
  static List<CaseEvent> events(CaseEventVector v) {
    try {
      final int size = v.size();
      if (size == 0) return Collections.emptyList();
      final List<CaseEvent> out = new ArrayList<CaseEvent>(size);
      for (int i = 0; i < size; ++i) {
        final ApiCaseEvent e = v.get(i);  // a view into v
        out.add(new CaseEvent(e.getSeq(), e.getAt(), e.getKind(), e.getCaseId(), e.getUnit(),
            e.getCategory(), e.getArea(), e.getValue(), e.getDetail()));
      }
      return Collections.unmodifiableList(out);
    } finally {
      v.delete();
    }
  }

  /** Reads a native case (not deleted here). */
  static CaseInfo fromNative(ApiCaseInfo c) {
    return new CaseInfo(c.getId(), c.getCategory(), c.getUrgency(), c.getArea(), c.getLead(),
        c.getLeadName(), strings(c.getAssisting()), strings(c.getReturnedBy()), c.getState(),
        c.getColour(), c.getOpen(), c.getPaused(), c.getSupervised(), c.getSupervisor(),
        c.getEscalationLevel(), c.getRating(), c.getReopened(), c.getMergedInto(),
        strings(c.getDuplicates()), c.getReceivedAt(), c.getAssignedAt(), c.getAcknowledgedAt(),
        c.getStartedAt(), c.getRepliedAt(), c.getRatedAt(), c.getClosedAt(),
        c.getAcknowledgeDue(), c.getRespondDue(), c.getResolveDue(), strings(c.getBreached()));
  }

  /** Reads and deletes a native case list. */
  static List<CaseInfo> cases(CaseInfoVector v) {
    try {
      final int size = v.size();
      if (size == 0) return Collections.emptyList();
      final List<CaseInfo> out = new ArrayList<CaseInfo>(size);
      for (int i = 0; i < size; ++i) out.add(fromNative(v.get(i)));
      return Collections.unmodifiableList(out);
    } finally {
      v.delete();
    }
  }

  /** Reads and deletes native metrics. */
  static Metrics fromNative(ApiMetrics m) {
    try {
      return new Metrics(m.getVolume(), m.getResolved(), m.getResolvedOnTime(),
          m.getAcknowledged(), m.getAcknowledgedOnTime(), m.getRated(), m.getSatisfied(),
          m.getClosed(), m.getOpen(), m.getBlue(), m.getYellow(), m.getRed(),
          m.getCompletionRate(), m.getTimelinessRate(), m.getSatisfactionRate(),
          m.getResponseRate());
    } finally {
      m.delete();
    }
  }

  /** A new native filter; the caller deletes it. */
  static ApiMetricsFilter toNative(MetricsFilter f) {
    if (f == null) throw new NullPointerException("filter");
    final ApiMetricsFilter n = new ApiMetricsFilter();
    n.setScopeUnit(f.getScopeUnit());
    n.setUnit(f.getUnit());
    n.setStreet(f.getStreet());
    n.setCategory(f.getCategory());
    n.setFrom(f.getFrom());
    n.setTo(f.getTo());
    return n;
  }
}
