#pragma once

#include <QString>

class QTextStream;

// `claimdesk-cli holidays` and `claimdesk-cli deadlines`: the deadline engine without a vault
// (docs: ../shared/docs/ENGINE-CLI.md, a stable contract).
namespace claimdesk::cli {

struct HolidaysRequest {
    QString region;
    QString year;
    bool json = false;
};
int runHolidays(const HolidaysRequest& request, QTextStream& out, QTextStream& err);

struct DeadlinesRequest {
    QString inputPath;  // empty: standard input
    bool text = false;
};
int runDeadlines(const DeadlinesRequest& request, QTextStream& out, QTextStream& err);

}  // namespace claimdesk::cli
