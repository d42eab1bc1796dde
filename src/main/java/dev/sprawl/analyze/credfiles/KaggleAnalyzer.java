package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Tree;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;

/** The Kaggle API's {@code kaggle.json}: {@code {"username": …, "key": …}}; the key is the secret, the username its identity. */
public final class KaggleAnalyzer extends TreeFile {

    @Override
    public String id() {
        return "kaggle";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals("kaggle.json") ? Fit.NAME : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return content.contains("\"key\"");
    }

    @Override
    boolean document(Tree.Mapping root, AnalyzerOutput out) {
        if (!(root.get("key") instanceof Tree.Scalar key)) {
            return false;
        }
        new Ids(out).add(Identity.USER, text(root, "username"), at(root, "username")).bind(root.span());
        out.literal(AnalyzerRule.KAGGLE, Category.API_KEY, "key", key);
        return true;
    }
}
