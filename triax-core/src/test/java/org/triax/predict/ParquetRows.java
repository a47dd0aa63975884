package org.triax.predict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads Parquet output back with Parquet's own file reader (which needs the Hadoop API jar, on the
 * test class path only): the schema of each part and its rows, column name to value (absent when null).
 */
public final class ParquetRows {
    public record Table(List<MessageType> schemas, List<Map<String, Object>> rows) {
    }

    private ParquetRows() {
    }

    public static Table read(Path dir) throws IOException {
        List<MessageType> schemas = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Path> parts;
        try (Stream<Path> s = Files.list(dir)) {
            parts = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(new UncompressedCodecs()).build();
        for (Path part : parts) {
            try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(part), options)) {
                MessageType schema = r.getFooter().getFileMetaData().getSchema();
                schemas.add(schema);
                for (PageReadStore pages; (pages = r.readNextRowGroup()) != null; ) {
                    RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                            .getRecordReader(pages, new GroupRecordConverter(schema));
                    for (long i = 0; i < pages.getRowCount(); i++) {
                        rows.add(row(schema, records.read()));
                    }
                }
            }
        }
        return new Table(schemas, rows);
    }

    private static Map<String, Object> row(MessageType schema, Group g) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Type f : schema.getFields()) {
            if (g.getFieldRepetitionCount(f.getName()) == 0) {
                continue;
            }
            PrimitiveType.PrimitiveTypeName t = f.asPrimitiveType().getPrimitiveTypeName();
            row.put(f.getName(), switch (t) {
                case BINARY -> g.getString(f.getName(), 0);
                case DOUBLE -> g.getDouble(f.getName(), 0);
                case INT32 -> g.getInteger(f.getName(), 0);
                default -> throw new IllegalStateException("unexpected column type " + t);
            });
        }
        return row;
    }
}
