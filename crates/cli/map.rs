pub fn map(_a: crate::args::MapArgs) -> anyhow::Result<std::process::ExitCode> {
    anyhow::bail!("not yet")
}
