using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace GridGov.Tests.Rollups;

/// <summary>Reads exported workbooks for tests: validated by the Open XML SDK, first sheet as text cell by cell.</summary>
public static class XlsxSheet
{
    /// <summary>The first sheet's rows, <paramref name="columns"/> cells each (empty cells as ""), after asserting the file is valid Open XML.</summary>
    public static List<string[]> Read(byte[] bytes, int columns)
    {
        using var stream = new MemoryStream(bytes);
        using var doc = SpreadsheetDocument.Open(stream, false);
        var errors = new OpenXmlValidator().Validate(doc).ToList();
        Assert.True(errors.Count == 0, "Open XML validation: " + string.Join("; ", errors.Take(5).Select(e => $"{e.Path?.XPath}: {e.Description}")));
        var book = doc.WorkbookPart!;
        var shared = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var sheet = (WorksheetPart)book.GetPartById(book.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var rows = new List<string[]>();
        foreach (var row in sheet.Worksheet.Descendants<Row>())
        {
            var cells = new string[columns];
            Array.Fill(cells, "");
            foreach (var cell in row.Elements<Cell>())
            {
                var column = Column(cell.CellReference!.Value!);
                if (column >= cells.Length) continue;
                cells[column] = cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)]
                    : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? ""
                    : cell.CellValue?.Text ?? "";
            }
            rows.Add(cells);
        }
        return rows;
    }

    private static int Column(string reference)
    {
        var n = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter)) n = n * 26 + (ch - 'A' + 1);
        return n - 1;
    }
}
