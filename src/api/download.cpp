#include "api/download.hpp"

#include "render/csv_writer.hpp"
#include "render/xlsx_workbook.hpp"

namespace admit {

std::optional<FileFormat> parse_file_format(std::string_view text) {
  if (text == "excel" || text == "xlsx") return FileFormat::kXlsx;
  if (text == "csv") return FileFormat::kCsv;
  return std::nullopt;
}

Download render_download(const std::vector<Table>& tables, FileFormat format, std::string_view base) {
  if (format == FileFormat::kCsv) {
    return Download{std::string(base) + ".csv", "text/csv; charset=utf-8", render_csv(tables)};
  }
  return Download{std::string(base) + ".xlsx", kXlsxContentType, render_xlsx(tables)};
}

HttpResponse download_response(const RequestContext& ctx, const Download& file) {
  HttpResponse res{bhttp::status::ok, ctx.request.version()};
  res.set(bhttp::field::content_type, file.content_type);
  // File names are built from ids, dates and safe_file_name(): plain ASCII, nothing to escape.
  res.set(bhttp::field::content_disposition, "attachment; filename=\"" + file.filename + "\"");
  res.keep_alive(ctx.request.keep_alive());
  res.body() = file.bytes;
  res.prepare_payload();
  return res;
}

}  // namespace admit
