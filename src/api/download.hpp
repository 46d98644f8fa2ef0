#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/asio.hpp"
#include "http/request_context.hpp"
#include "render/table.hpp"

namespace admit {

// A file to hand to the client as an attachment. Downloads are never wrapped in the JSON envelope
// (the reference's report downloads were, which broke them).
struct Download {
  std::string filename;
  std::string content_type;
  std::string bytes;
};

enum class FileFormat { kXlsx, kCsv };

// "excel"/"xlsx" or "csv"; nullopt for anything else (json).
std::optional<FileFormat> parse_file_format(std::string_view text);

// The tables as an .xlsx workbook or a CSV document named `base` plus the extension. CPU-bound:
// run it on the worker pool.
Download render_download(const std::vector<Table>& tables, FileFormat format, std::string_view base);

// 200 with the file, its Content-Type, Content-Disposition (attachment) and Content-Length.
HttpResponse download_response(const RequestContext& ctx, const Download& file);

}  // namespace admit
