package org.minhu.examples.hotline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A work order (工单) as a 12345 hotline platform holds it. The field names are the platform's,
 * not minhu's: {@link WorkOrderDispatcher} translates.
 */
public final class WorkOrder {
  private final String orderNo;
  private String title = "";
  private String content = "";
  private String source = "";
  private long acceptTime;
  private String gridCode = "";
  private String address = "";
  private Double latitude;
  private Double longitude;
  private String reportedCategory = "";
  private final Map<String, Object> extra = new LinkedHashMap<String, Object>();

  public WorkOrder(String orderNo) {
    if (orderNo == null || orderNo.isEmpty()) throw new IllegalArgumentException("orderNo");
    this.orderNo = orderNo;
  }

  /** 工单编号. */
  public String getOrderNo() {
    return orderNo;
  }

  /** 标题. */
  public String getTitle() {
    return title;
  }

  public WorkOrder setTitle(String title) {
    this.title = title == null ? "" : title;
    return this;
  }

  /** 诉求内容: what the caller said, as the operator typed it. */
  public String getContent() {
    return content;
  }

  public WorkOrder setContent(String content) {
    this.content = content == null ? "" : content;
    return this;
  }

  /** 来源: hotline, app, grid_worker, deputy, sensor ... */
  public String getSource() {
    return source;
  }

  public WorkOrder setSource(String source) {
    this.source = source == null ? "" : source;
    return this;
  }

  /** 受理时间, epoch milliseconds; 0 = unknown. */
  public long getAcceptTime() {
    return acceptTime;
  }

  public WorkOrder setAcceptTime(long acceptTime) {
    this.acceptTime = acceptTime;
    return this;
  }

  /** 网格编码, if the caller's grid is known. */
  public String getGridCode() {
    return gridCode;
  }

  public WorkOrder setGridCode(String gridCode) {
    this.gridCode = gridCode == null ? "" : gridCode;
    return this;
  }

  /** 事发地址. */
  public String getAddress() {
    return address;
  }

  public WorkOrder setAddress(String address) {
    this.address = address == null ? "" : address;
    return this;
  }

  public Double getLatitude() {
    return latitude;
  }

  public Double getLongitude() {
    return longitude;
  }

  public WorkOrder setLocation(double latitude, double longitude) {
    this.latitude = latitude;
    this.longitude = longitude;
    return this;
  }

  /** 来电人自述类别, if the operator picked one. */
  public String getReportedCategory() {
    return reportedCategory;
  }

  public WorkOrder setReportedCategory(String reportedCategory) {
    this.reportedCategory = reportedCategory == null ? "" : reportedCategory;
    return this;
  }

  /** Structured extras (sensor readings, case numbers): String, Number, Boolean or null. */
  public Map<String, Object> getExtra() {
    return Collections.unmodifiableMap(extra);
  }

  public WorkOrder putExtra(String name, Object value) {
    extra.put(name, value);
    return this;
  }
}
