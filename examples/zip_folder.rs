//! Packs a folder into a zip archive whose Chinese names Windows reads correctly: every
//! non-ASCII name is stored as UTF-8 with the language encoding flag set. (Info-ZIP's `zip`
//! stores UTF-8 without the flag, and Explorer then reads the names in the local code page:
//! 幸福 comes out as mojibake.) Used by `scripts/package-windows.sh`.
//!
//! Run: `cargo run --example zip_folder -- FOLDER OUT.zip` (the archive holds FOLDER itself).

use std::fs::File;
use std::io::Write;
use std::path::Path;

use zip::write::SimpleFileOptions;

fn add(zip: &mut zip::ZipWriter<File>, path: &Path, name: &str) -> Result<(), Box<dyn std::error::Error>> {
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    if path.is_dir() {
        zip.add_directory(format!("{name}/"), options)?;
        let mut entries: Vec<_> = std::fs::read_dir(path)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let child = format!("{name}/{}", e.file_name().to_string_lossy());
            add(zip, &e.path(), &child)?;
        }
    } else {
        zip.start_file(name, options)?;
        zip.write_all(&std::fs::read(path)?)?;
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [folder, out] = args.as_slice() else {
        return Err("usage: zip_folder FOLDER OUT.zip".into());
    };
    let folder = Path::new(folder);
    let name = folder.file_name().ok_or("the folder has no name")?.to_string_lossy().into_owned();
    let mut zip = zip::ZipWriter::new(File::create(out)?);
    add(&mut zip, folder, &name)?;
    zip.finish()?;
    Ok(())
}
