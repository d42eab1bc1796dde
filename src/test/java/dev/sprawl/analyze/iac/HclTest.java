package dev.sprawl.analyze.iac;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HclTest {

    @Test
    void readsBlocksAttributesAndExpressions() {
        String src = """
                # comment with password = "nope"
                resource "aws_db_instance" "main" {
                  password = "lit\\"eral"   // trailing
                  other    = var.db_password
                  tmpl     = "${var.x}-suffix"
                  escaped  = "$${not_interpolated}"
                  tags = {
                    Owner = "team-a"
                    "Cost Center" = "42"
                  }
                  list = [{ token = "inner" }, "x"]
                  /* block
                     comment */
                  connection {
                    password = <<-EOT
                      heredoc-value
                    EOT
                  }
                }
                one_line { a = "b" }
                """;
        Hcl.Body body = Hcl.parse(src);
        assertThat(body.blocks()).hasSize(2);
        Hcl.Block res = body.blocks().get(0);
        assertThat(res.type()).isEqualTo("resource");
        assertThat(res.labels()).containsExactly("aws_db_instance", "main");
        assertThat(res.body().attributes()).extracting(Hcl.Attribute::name)
                .containsExactly("password", "other", "tmpl", "escaped", "tags", "list");
        assertThat(((Hcl.Literal) res.body().attributes().get(0).value()).value()).isEqualTo("lit\"eral");
        Hcl.Other ref = (Hcl.Other) res.body().attributes().get(1).value();
        assertThat(src.substring(ref.head().start(), ref.head().end())).isEqualTo("var.db_password");
        assertThat(res.body().attributes().get(2).value()).isInstanceOf(Hcl.Other.class);
        assertThat(((Hcl.Literal) res.body().attributes().get(3).value()).value()).isEqualTo("${not_interpolated}");
        Hcl.Obj tags = (Hcl.Obj) res.body().attributes().get(4).value();
        assertThat(tags.entries()).extracting(Hcl.Attribute::name).containsExactly("Owner", "Cost Center");
        Hcl.Other list = (Hcl.Other) res.body().attributes().get(5).value();
        assertThat(list.objects()).hasSize(1);
        assertThat(((Hcl.Literal) list.objects().get(0).entries().get(0).value()).value()).isEqualTo("inner");
        Hcl.Block conn = res.body().blocks().get(0);
        assertThat(((Hcl.Literal) conn.body().attributes().get(0).value()).value()).isEqualTo("heredoc-value\n");
        assertThat(((Hcl.Literal) body.blocks().get(1).body().attributes().get(0).value()).value()).isEqualTo("b");
    }

    @Test
    void survivesGarbage() {
        Hcl.Body body = Hcl.parse("}}} resource \"x\" { a = \"unterminated\n b = ( [ \n { = = \"\"\" <<EOF\n");
        assertThat(body).isNotNull();
    }
}
